"""The four blanketter of SIP-portalen: kallelse, SIP-plan, uppföljning and samtycke.

Each module defines ``FORM``, ``validate``, ``render``, ``render_blank`` and ``from_saved``
(see :mod:`forms.registry`); ``_render`` is the generic PDF renderer they share and ``_checks``
holds the helpers for their cross-field checks. Modules are imported on first use.
"""

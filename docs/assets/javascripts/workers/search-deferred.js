// SIP-portalen: Material's search worker, started when it is needed.
//
// Material builds its search index in a worker as soon as a page opens: about 0.5 s of
// processor time on every page a reader opens, most of whom never search from it, and on a
// widget page it competes with Python's start for the same cores. So macros/overrides/main.html
// points every page here instead (search-deferred.js?worker=search.<hash>.min.js). Messages
// are held until one of these comes first, and then Material's own worker takes over unchanged:
//   - the page says so (sip-page.js, BroadcastChannel "sip-search"): when the reader opens
//     the search, or when a widget asks (widgets.mjs): a widget that assesses once it is
//     ready, any widget when Python fails to start; a widget that prints never does, so that
//     the index does not slow its first PDF;
//   - a query comes (any message other than Material's set-up, type 0);
//   - four seconds have passed.
// It lives beside Material's worker because that worker loads its language files relative to
// its own location.
"use strict";

const name = new URL(self.location.href).searchParams.get("worker") || "";
const queued = [];
let started = false;

function start() {
  if (started) return;
  started = true;
  if (!/^search\.[0-9a-f]{8}\.min\.js$/.test(name)) return;
  importScripts(name);
  for (const data of queued.splice(0)) self.dispatchEvent(new MessageEvent("message", { data }));
}

self.addEventListener("message", (event) => {
  if (started) return;
  queued.push(event.data);
  if (event.data?.type !== 0) start();
});

const channel = new BroadcastChannel("sip-search");
channel.onmessage = () => {
  channel.close();
  start();
};
setTimeout(start, 4000);

// One server-sent event stream for the whole page: job progress for every video.

const listeners = new Set();
let source;

export function onJobEvent(listener) {
  listeners.add(listener);
  connect();
  return () => listeners.delete(listener);
}

function connect() {
  if (source) return;
  source = new EventSource('/api/events');
  source.addEventListener('job', (event) => {
    const job = JSON.parse(event.data);
    for (const listener of listeners) listener(job);
  });
}

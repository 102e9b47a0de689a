// One server-sent event stream for the whole page: job progress for every video.
import { requestJson } from './api.js';

const listeners = new Set();
const latest = new Map();
let source;

function dispatch(job) {
  if (job.videoId) latest.set(job.videoId, job);
  for (const listener of listeners) listener(job);
}

/** After a (re)connection, events sent while the stream was down are caught up from the job list. */
async function catchUp() {
  const { jobs } = await requestJson('/api/jobs');
  for (const job of jobs.reverse()) dispatch(job);
}

export function onJobEvent(listener) {
  listeners.add(listener);
  connect();
  return () => listeners.delete(listener);
}

/** The last state seen of a video's analysis, for a row that learns its video id late. */
export function latestJob(videoId) {
  return latest.get(videoId);
}

function connect() {
  if (source) return;
  source = new EventSource('/api/events');
  source.addEventListener('open', () => catchUp().catch(() => undefined));
  source.addEventListener('job', (event) => dispatch(JSON.parse(event.data)));
}

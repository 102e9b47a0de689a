import { hostname } from 'node:os';

/** Names this process as a job owner: "<host>:<pid>". */
export function currentOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Whether the owner process still runs. Only a process of this host can be checked; an owner
 * on another host counts as alive and is left to the heartbeat timeout.
 */
export function isOwnerAlive(owner: string): boolean {
  const separator = owner.lastIndexOf(':');
  const host = owner.slice(0, separator);
  const pid = Number(owner.slice(separator + 1));
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return host !== hostname();
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

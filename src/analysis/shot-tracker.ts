import {
  ByteTracker,
  type ClosedTrack,
  type TrackedPerson,
  type TrackerDetection,
  type TrackerFrame,
} from '../tracking/byte-tracker.ts';

/**
 * A tracker that starts afresh at every shot cut: no track crosses a cut. Provisional ids are
 * unique across shots; final ids run 1, 2, 3… over the whole video in order of appearance.
 */
export class ShotTracker {
  private tracker = new ByteTracker();
  private shot = 0;
  private readonly finished: TrackedPerson[] = [];
  private closed: ClosedTrack[] = [];

  /** Ends every track of the current shot; the next frames start new ones. */
  cut(): void {
    this.finished.push(...this.finishShot());
    this.tracker = new ByteTracker();
    this.shot++;
  }

  /** See ByteTracker.needsAppearance. */
  needsAppearance(t: number, detections: TrackerDetection[]): boolean[] {
    return this.tracker.needsAppearance(t, detections);
  }

  update(frame: TrackerFrame, detections: TrackerDetection[]): (number | null)[] {
    return this.tracker
      .update(frame, detections)
      .map((id) => (id === null ? null : this.globalId(id)));
  }

  /** The tracks closed since the last call (see ByteTracker.takeClosed), with global ids. */
  takeClosed(): ClosedTrack[] {
    const closed = [...this.closed, ...this.closedInShot()];
    this.closed = [];
    return closed;
  }

  finish(): TrackedPerson[] {
    const all = [...this.finished, ...this.finishShot()];
    all.sort((a, b) => a.start - b.start || a.provisionalId - b.provisionalId);
    return all.map((track, i) => ({ ...track, id: i + 1 }));
  }

  private finishShot(): TrackedPerson[] {
    const tracks = this.tracker
      .finish()
      .map((track) => ({ ...track, provisionalId: this.globalId(track.provisionalId) }));
    this.closed.push(...this.closedInShot());
    return tracks;
  }

  private closedInShot(): ClosedTrack[] {
    return this.tracker
      .takeClosed()
      .map((track) => ({ ...track, provisionalId: this.globalId(track.provisionalId) }));
  }

  private globalId(id: number): number {
    // Known limit: assumes fewer than a million tracks per shot, which no video comes near.
    return this.shot * 1_000_000 + id;
  }
}

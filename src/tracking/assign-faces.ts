import { boxArea, boxCenter, intersectionArea, type Box } from '../geometry/box.ts';
import { assign } from './linear-assignment.ts';

export interface FaceAssignmentOptions {
  /** Least fraction of the face box's area inside a person box to be held by it. Default 0.7. */
  minInside: number;
  /**
   * How far down a person box the top of the face may sit, as a fraction of the box height from
   * the top. Default 0.5: a face starts in the upper half of whoever holds it, standing or
   * sitting. The top rather than the centre, so that a close-up, whose person box is little more
   * than the head, still holds its own face.
   */
  maxDepth: number;
}

const defaults: FaceAssignmentOptions = { minInside: 0.7, maxDepth: 0.5 };

// Every allowed fit costs less than this, so as many faces as possible find a person.
const MAX_FIT_COST = 3;

/**
 * For each face, the index of the person box that holds it, or null. Each person holds at most
 * one face; where several could hold a face, the best fit wins: the face most inside the box,
 * nearest its horizontal middle and nearest its top.
 */
export function assignFacesToPersons(
  persons: Box[],
  faces: Box[],
  options: Partial<FaceAssignmentOptions> = {},
): (number | null)[] {
  const settings = { ...defaults, ...options };
  const { matches } = assign({
    rows: faces.length,
    columns: persons.length,
    cost: (face, person) => fitCost(faces[face], persons[person], settings),
    maxCost: MAX_FIT_COST,
  });
  const holders = new Array<number | null>(faces.length).fill(null);
  for (const [face, person] of matches) holders[face] = person;
  return holders;
}

/** 0 for a face fully inside, centred and at the very top of the box; Infinity when not held. */
function fitCost(face: Box, person: Box, options: FaceAssignmentOptions): number {
  const area = boxArea(face);
  const inside = area > 0 ? intersectionArea(face, person) / area : 0;
  const [faceX] = boxCenter(face);
  const width = person[2] - person[0];
  const height = person[3] - person[1];
  const depth = (face[1] - person[1]) / height;
  if (inside < options.minInside || depth > options.maxDepth) return Infinity;

  const offCentre = Math.abs(faceX - (person[0] + person[2]) / 2) / width;
  return 1 - inside + offCentre + Math.max(depth, 0);
}

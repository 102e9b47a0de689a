import { describe, expect, it } from 'vitest';
import type { Box } from '../geometry/box.ts';
import type { PhotoFace } from './photo-faces.ts';
import { chooseFace, describeFaceChoice, noQueryError } from './query-choice.ts';

function photoFace(index: number, size: number): PhotoFace {
  const box: Box = [10, 10, 10 + size * 0.8, 10 + size];
  return {
    index,
    box,
    score: 0.9,
    size,
    quality: 0.5,
    usable: size >= 20,
    landmarks: [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ],
  };
}

describe('chooseFace', () => {
  const faces = [photoFace(0, 120), photoFace(1, 60), photoFace(2, 12)];

  it('should take the largest usable face when none is asked for', () => {
    expect(chooseFace({ faces, name: 'p.jpg' })?.index).toBe(0);
    const smallFirst = [photoFace(0, 15), photoFace(1, 30)];
    expect(chooseFace({ faces: smallFirst, name: 'p.jpg' })?.index).toBe(1);
  });

  it('should give nothing when no face is usable, so body search can take over', () => {
    expect(chooseFace({ faces: [photoFace(0, 12)], name: 'p.jpg' })).toBeUndefined();
    expect(chooseFace({ faces: [], name: 'p.jpg' })).toBeUndefined();
  });

  it('should take the face asked for', () => {
    expect(chooseFace({ faces, face: 1, name: 'p.jpg' })?.index).toBe(1);
  });

  it('should refuse a face number the photo does not have, naming the photo', () => {
    expect(() => chooseFace({ faces, face: 3, name: 'p.jpg' })).toThrow(
      'p.jpg shows 3 faces (0 to 2); there is no face 3.',
    );
  });

  it('should refuse a face too small to recognise', () => {
    expect(() => chooseFace({ faces, face: 2, name: 'p.jpg' })).toThrow(/12 px tall/);
  });
});

describe('describeFaceChoice', () => {
  it('should say which face of several was searched for', () => {
    const faces = [photoFace(0, 120), photoFace(1, 60)];
    expect(describeFaceChoice(faces[0], faces)).toBe(
      'The photo shows 2 faces; searched for face 0 (the largest).',
    );
  });

  it('should say nothing about a single large face', () => {
    expect(describeFaceChoice(photoFace(0, 120), [photoFace(0, 120)])).toBeUndefined();
  });

  it('should warn that a small face gives less reliable scores', () => {
    expect(describeFaceChoice(photoFace(0, 30), [photoFace(0, 30)])).toMatch(/less reliable/);
  });
});

describe('noQueryError', () => {
  it('should name the photo and say what photo would work', () => {
    const error = noQueryError({ name: 'street.jpg', faces: [] });
    expect(error.message).toBe('No face or person found in street.jpg.');
    expect(error.hint).toMatch(/at least 40 px tall/);
  });
});

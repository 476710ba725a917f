import { seededRandom } from '../../model/random';

/** A small deterministic generator, so every demo network is the same. */
export function generator(seed: number) {
  const next = seededRandom(seed);
  return {
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    some: <T>(list: readonly T[], p: number): T[] => list.filter(() => next() < p),
  };
}

export type Generator = ReturnType<typeof generator>;

/**
 * The allocation problem and plan as JSON (`corespond allocate < problem.json > plan.json`):
 * reading a problem and naming what is wrong with it, the score, and the feasibility check
 * that an independent solver's plan can be held to as well as ours.
 */
import { AppError } from '../model/errors';
import { distanceMetres } from '../model/need';

/** A need for an item at a place; `weight` is what one unit delivered there is worth. */
export interface AllocationNeed {
  id: string;
  item: string;
  quantity: number;
  weight: number;
  lat: number;
  lon: number;
}

/** Goods of one item waiting at a place. */
export interface AllocationSupply {
  id: string;
  item: string;
  quantity: number;
  lat: number;
  lon: number;
}

export interface AllocationProblem {
  needs: AllocationNeed[];
  supplies: AllocationSupply[];
  maxDistanceKm: number;
}

export interface Allocation {
  needId: string;
  supplyId: string;
  quantity: number;
}

export interface AllocationPlan {
  allocations: Allocation[];
  score: number;
}

/** What one unit moved over `distanceKm` is worth to a need of this weight: the score's only rule. */
export function unitProfit(weight: number, distanceKm: number): number {
  return weight - 0.001 * distanceKm;
}

/** Great-circle kilometres between a need and a supply (Earth radius 6,371 km). */
export function allocationKm(need: AllocationNeed, supply: AllocationSupply): number {
  return distanceMetres(need, supply) / 1000;
}

/** Indices of each item's needs and supplies, items in order of first appearance: items never interact. */
export function groupByItem(problem: AllocationProblem): Map<string, { needs: number[]; supplies: number[] }> {
  const items = new Map<string, { needs: number[]; supplies: number[] }>();
  const entry = (item: string) => {
    let found = items.get(item);
    if (!found) {
      found = { needs: [], supplies: [] };
      items.set(item, found);
    }
    return found;
  };
  problem.needs.forEach((n, i) => {
    entry(n.item).needs.push(i);
  });
  problem.supplies.forEach((s, i) => {
    entry(s.item).supplies.push(i);
  });
  return items;
}

const MAX_PROBLEMS = 20;

/** Parses and validates problem JSON; throws AppError naming every problem found (up to twenty). */
export function parseProblem(text: string): AllocationProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('malformed_json', { detail: `the problem is not valid JSON: ${reason}` });
  }
  return validateProblem(value);
}

/** Checks a parsed value against the problem's shape; throws AppError (`invalid_input`) naming each problem. */
export function validateProblem(value: unknown): AllocationProblem {
  const problems: string[] = [];
  if (!isRecord(value)) {
    throw invalid(['the problem must be a JSON object with needs, supplies and maxDistanceKm']);
  }
  const needs = readIndexed(value, 'needs', problems, (entry, path) => {
    const id = readId(entry, path, problems);
    const item = readText(entry, path, 'item', problems);
    const quantity = readNumber(entry, path, 'quantity', problems, 'a non-negative number', (n) => n >= 0);
    const weight = readNumber(entry, path, 'weight', problems, 'a finite number', () => true);
    const place = readPlace(entry, path, problems);
    return { id, item, quantity, weight, ...place };
  });
  const supplies = readIndexed(value, 'supplies', problems, (entry, path) => {
    const id = readId(entry, path, problems);
    const item = readText(entry, path, 'item', problems);
    const quantity = readNumber(entry, path, 'quantity', problems, 'a non-negative number', (n) => n >= 0);
    const place = readPlace(entry, path, problems);
    return { id, item, quantity, ...place };
  });
  const maxDistanceKm = readNumber(value, '', 'maxDistanceKm', problems, 'a non-negative number', (n) => n >= 0);
  reportDuplicates('need', 'needs', needs, problems);
  reportDuplicates('supply', 'supplies', supplies, problems);
  if (problems.length > 0) throw invalid(problems);
  return { needs: needs.map((n) => n.entry), supplies: supplies.map((s) => s.entry), maxDistanceKm };
}

export interface PlanCheck {
  feasible: boolean;
  /** Each broken rule, naming the allocation; empty when the plan is feasible. */
  problems: string[];
  /** The plan's score recomputed from the problem. */
  score: number;
}

/** Sums `quantity × (weight − 0.001 × km)` over the allocations; ids not in the problem count nothing. */
export function scorePlan(problem: AllocationProblem, allocations: readonly Allocation[]): number {
  const needs = new Map(problem.needs.map((n) => [n.id, n]));
  const supplies = new Map(problem.supplies.map((s) => [s.id, s]));
  let score = 0;
  for (const a of allocations) {
    const need = needs.get(a.needId);
    const supply = supplies.get(a.supplyId);
    if (need && supply) score += a.quantity * unitProfit(need.weight, allocationKm(need, supply));
  }
  return score;
}

/**
 * Holds a plan to the contract: known ids of the same item, positive quantities, no need or supply
 * given more than its quantity (up to a relative 1e-9 for rounding), each pair within range, and a
 * score that matches the allocations.
 */
export function checkPlan(problem: AllocationProblem, plan: AllocationPlan): PlanCheck {
  const problems: string[] = [];
  const needs = new Map(problem.needs.map((n) => [n.id, n]));
  const supplies = new Map(problem.supplies.map((s) => [s.id, s]));
  const given = new Map<string, number>();
  const taken = new Map<string, number>();
  plan.allocations.forEach((a, i) => {
    const where = `allocations[${i}]`;
    const need = needs.get(a.needId);
    const supply = supplies.get(a.supplyId);
    if (!need) problems.push(`${where}: unknown need id ${JSON.stringify(a.needId)}`);
    if (!supply) problems.push(`${where}: unknown supply id ${JSON.stringify(a.supplyId)}`);
    if (!(Number.isFinite(a.quantity) && a.quantity > 0)) problems.push(`${where}: quantity must be positive`);
    if (!need || !supply) return;
    if (need.item !== supply.item) problems.push(`${where}: need item "${need.item}" ≠ supply item "${supply.item}"`);
    const km = allocationKm(need, supply);
    if (!(km <= problem.maxDistanceKm)) problems.push(`${where}: ${km.toFixed(3)} km apart, over ${problem.maxDistanceKm} km`);
    given.set(need.id, (given.get(need.id) ?? 0) + a.quantity);
    taken.set(supply.id, (taken.get(supply.id) ?? 0) + a.quantity);
  });
  const over = (total: number, quantity: number) => total > quantity * (1 + 1e-9) + 1e-12;
  for (const [id, total] of given) {
    const quantity = needs.get(id)!.quantity;
    if (over(total, quantity)) problems.push(`need "${id}" gets ${total}, more than its quantity ${quantity}`);
  }
  for (const [id, total] of taken) {
    const quantity = supplies.get(id)!.quantity;
    if (over(total, quantity)) problems.push(`supply "${id}" gives ${total}, more than its quantity ${quantity}`);
  }
  const score = scorePlan(problem, plan.allocations);
  if (!(Math.abs(score - plan.score) <= 1e-9 * Math.max(1, Math.abs(score)))) {
    problems.push(`score ${plan.score} does not match the allocations' ${score}`);
  }
  return { feasible: problems.length === 0, problems, score };
}

function invalid(problems: string[]): AppError {
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more`);
  return new AppError('invalid_input', { detail: shown.join('\n'), extra: { problems } });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readIndexed<T>(
  value: Record<string, unknown>,
  key: 'needs' | 'supplies',
  problems: string[],
  read: (entry: Record<string, unknown>, path: string) => T,
): { entry: T; index: number }[] {
  const list = value[key];
  if (list === undefined) {
    problems.push(`${key} is missing`);
    return [];
  }
  if (!Array.isArray(list)) {
    problems.push(`${key} must be an array`);
    return [];
  }
  const out: { entry: T; index: number }[] = [];
  list.forEach((entry: unknown, i) => {
    const path = `${key}[${i}]`;
    if (isRecord(entry)) out.push({ entry: read(entry, path), index: i });
    else problems.push(`${path} must be an object`);
  });
  return out;
}

function readId(entry: Record<string, unknown>, path: string, problems: string[]): string {
  return readText(entry, path, 'id', problems);
}

function readText(entry: Record<string, unknown>, path: string, key: string, problems: string[]): string {
  const v = entry[key];
  if (v === undefined) problems.push(`${path}.${key} is missing`);
  else if (typeof v !== 'string' || v === '') problems.push(`${path}.${key} must be a non-empty string`);
  return typeof v === 'string' ? v : '';
}

function readNumber(
  entry: Record<string, unknown>,
  path: string,
  key: string,
  problems: string[],
  what: string,
  ok: (n: number) => boolean,
): number {
  const v = entry[key];
  const name = path ? `${path}.${key}` : key;
  if (v === undefined) problems.push(`${name} is missing`);
  else if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) problems.push(`${name} must be ${what}`);
  return typeof v === 'number' ? v : 0;
}

function readPlace(entry: Record<string, unknown>, path: string, problems: string[]): { lat: number; lon: number } {
  const lat = readNumber(entry, path, 'lat', problems, 'a latitude between -90 and 90', (n) => n >= -90 && n <= 90);
  const lon = readNumber(entry, path, 'lon', problems, 'a longitude between -180 and 180', (n) => n >= -180 && n <= 180);
  return { lat, lon };
}

function reportDuplicates(
  kind: string,
  key: string,
  list: readonly { entry: { id: string }; index: number }[],
  problems: string[],
): void {
  const first = new Map<string, number>();
  for (const { entry, index } of list) {
    if (entry.id === '') continue;
    const earlier = first.get(entry.id);
    if (earlier === undefined) first.set(entry.id, index);
    else problems.push(`duplicate ${kind} id ${JSON.stringify(entry.id)} (${key}[${earlier}] and ${key}[${index}])`);
  }
}

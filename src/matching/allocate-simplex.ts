/**
 * The network simplex method for one item's transportation problem. Supplies ship to needs along
 * candidate arcs; every supply and need also hangs from a root node, unused supply flowing up to
 * it and unmet demand flowing down from it at no cost, so "nothing moves" is the first basis and
 * no artificial costs are needed. Arcs may be added between solves (column generation): the tree
 * stays a valid basis. At an optimum the node potentials are the LP's duals: a supply's price
 * `pi[s] ≥ 0` and a need's surplus `−pi[need] ≥ 0`, with price + surplus ≥ profit on every arc.
 *
 * The spanning tree is kept as parent/predecessor-arc links plus a preorder thread (with its
 * reverse), subtree sizes and each subtree's last node in the thread, so a pivot touches only the
 * cycle, the re-hung subtree and the paths above it. Leaving arcs follow the strongly feasible tree
 * rule (the last blocking arc met around the cycle from its apex), which rules out cycling.
 */

/** Reduced costs above −PIVOT_EPS count as zero: the profit a pivot must gain per unit to be taken. */
export const PIVOT_EPS = 1e-9;

export class TransportSimplex {
  readonly supplyCount: number;
  readonly needCount: number;
  /** Pivots made so far, over all solves. */
  pivots = 0;
  private readonly root: number;
  private readonly parent: Int32Array;
  private readonly pred: Int32Array;
  /** 1 when the node's tree arc points from it to its parent. */
  private readonly up: Uint8Array;
  private readonly thread: Int32Array;
  private readonly rev: Int32Array;
  private readonly size: Int32Array;
  private readonly last: Int32Array;
  private readonly pi: Float64Array;
  private src: Int32Array;
  private tgt: Int32Array;
  private cost: Float64Array;
  private flow: Float64Array;
  private inTree: Uint8Array;
  private arcs: number;
  private nextArc = 0;
  // Scratch for re-hanging a subtree: the stem path and the thread pieces read before any write.
  private readonly stem: Int32Array;
  private readonly pieceEnd: Int32Array;
  private readonly pieceNext: Int32Array;
  private readonly oldLast: Int32Array;
  private readonly oldSize: Int32Array;

  /** Supplies are nodes 0…m−1 and needs m…m+n−1; quantities must be positive. */
  constructor(supplyQuantities: ArrayLike<number>, needQuantities: ArrayLike<number>, arcHint = 0) {
    const m = supplyQuantities.length;
    const n = needQuantities.length;
    this.supplyCount = m;
    this.needCount = n;
    const nodes = m + n + 1;
    this.root = m + n;
    this.parent = new Int32Array(nodes);
    this.pred = new Int32Array(nodes);
    this.up = new Uint8Array(nodes);
    this.thread = new Int32Array(nodes);
    this.rev = new Int32Array(nodes);
    this.size = new Int32Array(nodes).fill(1);
    this.last = new Int32Array(nodes);
    this.pi = new Float64Array(nodes);
    this.stem = new Int32Array(nodes);
    this.pieceEnd = new Int32Array(nodes);
    this.pieceNext = new Int32Array(nodes);
    this.oldLast = new Int32Array(nodes);
    this.oldSize = new Int32Array(nodes);
    const capacity = Math.max(16, m + n + arcHint);
    this.src = new Int32Array(capacity);
    this.tgt = new Int32Array(capacity);
    this.cost = new Float64Array(capacity);
    this.flow = new Float64Array(capacity);
    this.inTree = new Uint8Array(capacity);
    // Node i's root arc has index i: supply → root carries its quantity, root → need its demand.
    for (let i = 0; i < m + n; i++) {
      const isSupply = i < m;
      this.parent[i] = this.root;
      this.pred[i] = i;
      this.up[i] = isSupply ? 1 : 0;
      this.src[i] = isSupply ? i : this.root;
      this.tgt[i] = isSupply ? this.root : i;
      this.flow[i] = isSupply ? supplyQuantities[i] : needQuantities[i - m];
      this.inTree[i] = 1;
      this.thread[i] = i + 1;
      this.rev[i + 1] = i;
      this.last[i] = i;
    }
    this.parent[this.root] = -1;
    this.thread[this.root] = 0;
    this.rev[0] = this.root;
    this.size[this.root] = nodes;
    this.last[this.root] = nodes - 2;
    this.arcs = m + n;
  }

  /** Adds a candidate arc from supply `s` to need `j` earning `profit` per unit; returns its index. */
  addArc(s: number, j: number, profit: number): number {
    if (this.arcs === this.src.length) this.grow();
    const e = this.arcs++;
    this.src[e] = s;
    this.tgt[e] = this.supplyCount + j;
    this.cost[e] = -profit;
    return e;
  }

  get arcCount(): number {
    return this.arcs - this.supplyCount - this.needCount;
  }

  /**
   * Starts from a plan instead of "nothing moves": `quantities[k] > 0` units along candidate arc
   * `arcs[k]`, before the first solve. The plan must be basic, as a greedy one is when each move
   * uses up its need or its supply: its moves form a forest in which at most one node per tree
   * has quantity left. Each tree hangs from the root by that node, or else by a need (whose empty
   * root arc then points away from the root, keeping the tree strongly feasible). Returns false,
   * keeping the first basis, for a plan that is not basic.
   */
  startFrom(arcs: ArrayLike<number>, quantities: ArrayLike<number>): boolean {
    const nodes = this.root;
    const { src, tgt } = this;
    const slack = Float64Array.from(this.flow.subarray(0, nodes));
    const group = Int32Array.from({ length: nodes }, (_, i) => i);
    const find = (x: number): number => {
      while (group[x] !== x) x = group[x] = group[group[x]];
      return x;
    };
    const start = new Int32Array(nodes + 1);
    for (let k = 0; k < arcs.length; k++) {
      const [a, b] = [find(src[arcs[k]]), find(tgt[arcs[k]])];
      if (a === b || !(quantities[k] > 0)) return false;
      group[a] = b;
      slack[src[arcs[k]]] -= quantities[k];
      slack[tgt[arcs[k]]] -= quantities[k];
      start[src[arcs[k]] + 1]++;
      start[tgt[arcs[k]] + 1]++;
    }
    let largest = 0;
    for (let x = 0; x < nodes; x++) largest = Math.max(largest, this.flow[x]);
    const anchor = new Int32Array(nodes).fill(-1);
    for (let x = 0; x < nodes; x++) {
      const g = find(x);
      if (Math.abs(slack[x]) <= 1e-12 * largest) slack[x] = 0;
      if (slack[x] < 0) return false;
      if (slack[x] > 0) {
        if (anchor[g] >= 0 && slack[anchor[g]] > 0) return false;
        anchor[g] = x;
      } else if (anchor[g] < 0 && x >= this.supplyCount) {
        anchor[g] = x;
      }
    }
    for (let x = 0; x < nodes; x++) if (anchor[find(x)] < 0) return false;
    for (let i = 0; i < nodes; i++) start[i + 1] += start[i];
    const fill = start.slice(0, nodes);
    const touching = new Int32Array(2 * arcs.length);
    for (let k = 0; k < arcs.length; k++) {
      touching[fill[src[arcs[k]]]++] = k;
      touching[fill[tgt[arcs[k]]]++] = k;
    }

    const { parent, pred, up, thread, rev, size, last, pi, flow, inTree, cost } = this;
    for (let e = 0; e < this.arcs; e++) {
      flow[e] = e < nodes ? slack[e] : 0;
      inTree[e] = 0;
    }
    // Depth-first from the root through each tree's anchor gives the preorder thread.
    const order = new Int32Array(nodes + 1);
    const stack = new Int32Array(nodes);
    let placed = 0;
    order[placed++] = this.root;
    for (let x = 0; x < nodes; x++) {
      const a = anchor[find(x)];
      if (a !== x) continue;
      parent[a] = this.root;
      pred[a] = a;
      up[a] = a < this.supplyCount ? 1 : 0;
      inTree[a] = 1;
      let top = 0;
      stack[top++] = a;
      while (top > 0) {
        const y = stack[--top];
        order[placed++] = y;
        for (let t = start[y]; t < start[y + 1]; t++) {
          const k = touching[t];
          const e = arcs[k];
          const z = src[e] === y ? tgt[e] : src[e];
          if (pred[y] === e) continue;
          parent[z] = y;
          pred[z] = e;
          up[z] = src[e] === z ? 1 : 0;
          inTree[e] = 1;
          flow[e] = quantities[k];
          stack[top++] = z;
        }
      }
    }
    for (let i = 0; i <= nodes; i++) {
      const x = order[i];
      const next = order[(i + 1) % (nodes + 1)];
      thread[x] = next;
      rev[next] = x;
      size[x] = 1;
    }
    for (let i = nodes; i >= 1; i--) size[parent[order[i]]] += size[order[i]];
    for (let i = 0; i <= nodes; i++) last[order[i]] = order[i + size[order[i]] - 1];
    pi[this.root] = 0;
    for (let i = 1; i <= nodes; i++) {
      const x = order[i];
      pi[x] = up[x] === 1 ? pi[parent[x]] - cost[pred[x]] : pi[parent[x]] + cost[pred[x]];
    }
    return true;
  }

  /** Pivots until no arc gains more than PIVOT_EPS per unit (true) or `maxPivots` is reached (false). */
  solve(maxPivots = Number.POSITIVE_INFINITY): boolean {
    const block = Math.max(32, Math.ceil(Math.sqrt(this.arcs)));
    for (let made = 0; ; made++) {
      const e = this.findEntering(block);
      if (e < 0) return true;
      if (made >= maxPivots) return false;
      this.pivot(e);
      this.pivots++;
    }
  }

  /** The supply's price: what one more unit of it would add to the optimum. */
  supplyPrice(s: number): number {
    return Math.max(0, this.pi[s]);
  }

  /** The need's surplus: what one more unit of its demand would add to the optimum. */
  needSurplus(j: number): number {
    return Math.max(0, -this.pi[this.supplyCount + j]);
  }

  /** Visits each candidate arc carrying flow: supply, need, quantity, profit per unit. */
  forEachFlow(visit: (s: number, j: number, quantity: number, profit: number, arc: number) => void): void {
    for (let e = this.supplyCount + this.needCount; e < this.arcs; e++) {
      if (this.flow[e] > 0) visit(this.src[e], this.tgt[e] - this.supplyCount, this.flow[e], -this.cost[e], e);
    }
  }

  /** Profit per unit and supply of a candidate arc. */
  arcProfit(e: number): number {
    return -this.cost[e];
  }

  arcSupply(e: number): number {
    return this.src[e];
  }

  private grow(): void {
    const capacity = this.src.length * 2;
    const widen = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.src = widen(this.src, (n) => new Int32Array(n));
    this.tgt = widen(this.tgt, (n) => new Int32Array(n));
    this.cost = widen(this.cost, (n) => new Float64Array(n));
    this.flow = widen(this.flow, (n) => new Float64Array(n));
    this.inTree = widen(this.inTree, (n) => new Uint8Array(n));
  }

  /** Block search: scans arcs from where the last search stopped, takes the best of the first block holding one. */
  private findEntering(block: number): number {
    const { src, tgt, cost, pi, inTree } = this;
    const total = this.arcs;
    let e = this.nextArc < total ? this.nextArc : 0;
    let best = -PIVOT_EPS;
    let chosen = -1;
    let inBlock = 0;
    for (let seen = 0; seen < total; seen++) {
      if (inTree[e] === 0) {
        const reduced = cost[e] + pi[src[e]] - pi[tgt[e]];
        if (reduced < best) {
          best = reduced;
          chosen = e;
        }
      }
      if (++e === total) e = 0;
      if (++inBlock === block) {
        if (chosen >= 0) break;
        inBlock = 0;
      }
    }
    this.nextArc = e;
    return chosen;
  }

  private pivot(e: number): void {
    const { parent, pred, up, flow, size } = this;
    const u = this.src[e];
    const v = this.tgt[e];
    let a = u;
    let b = v;
    while (a !== b) {
      if (size[a] < size[b]) a = parent[a];
      else b = parent[b];
    }
    const join = a;
    // Flow enters along e from u to v, climbs from v to the apex and comes down to u. Blocking are
    // the tree arcs it runs against; ties go to the last one met from the apex.
    let delta = Number.POSITIVE_INFINITY;
    let out = -1;
    let outOnU = false;
    for (let x = u; x !== join; x = parent[x]) {
      if (up[x] === 1 && flow[pred[x]] < delta) {
        delta = flow[pred[x]];
        out = x;
        outOnU = true;
      }
    }
    for (let x = v; x !== join; x = parent[x]) {
      if (up[x] === 0 && flow[pred[x]] <= delta) {
        delta = flow[pred[x]];
        out = x;
        outOnU = false;
      }
    }
    if (out < 0) throw new Error('allocation: unbounded cycle (a need or supply without a finite quantity)');
    if (delta > 0) {
      flow[e] += delta;
      for (let x = u; x !== join; x = parent[x]) flow[pred[x]] += up[x] === 1 ? -delta : delta;
      for (let x = v; x !== join; x = parent[x]) flow[pred[x]] += up[x] === 1 ? delta : -delta;
    }
    flow[pred[out]] = 0;
    this.inTree[pred[out]] = 0;
    this.inTree[e] = 1;
    this.rehang(e, outOnU ? u : v, outOnU ? v : u, out, join);
  }

  /**
   * The subtree below `uOut` loses its arc to its parent and hangs from `vIn` by the entering arc,
   * re-rooted at `uIn`: the stem uIn = x0, x1, …, xk = uOut reverses. In the new preorder, the
   * piece of xi is its old subtree minus x(i−1)'s: the run from xi to just before x(i−1), then the
   * run after x(i−1)'s subtree up to xi's old last node. All old links are read before any is written.
   */
  private rehang(e: number, uIn: number, vIn: number, uOut: number, join: number): void {
    const { parent, pred, up, thread, rev, size, last, stem, pieceEnd, pieceNext, oldLast, oldSize } = this;
    const moved = size[uOut];
    const oldEnd = last[uOut];
    const before = rev[uOut];
    const after = thread[oldEnd];
    const vOut = parent[uOut];
    let k = 0;
    stem[0] = uIn;
    while (stem[k] !== uOut) {
      stem[k + 1] = parent[stem[k]];
      k++;
    }
    for (let i = 0; i <= k; i++) {
      oldLast[i] = last[stem[i]];
      oldSize[i] = size[stem[i]];
      if (i > 0) {
        pieceEnd[i] = rev[stem[i - 1]];
        pieceNext[i] = thread[oldLast[i - 1]];
      }
    }
    let tail = oldLast[0];
    for (let i = 1; i <= k; i++) {
      const x = stem[i];
      thread[tail] = x;
      rev[x] = tail;
      tail = pieceEnd[i];
      if (oldLast[i] !== oldLast[i - 1]) {
        thread[tail] = pieceNext[i];
        rev[pieceNext[i]] = tail;
        tail = oldLast[i];
      }
    }
    // Take the old run out of the thread and put the new one right after vIn.
    thread[before] = after;
    rev[after] = before;
    const next = thread[vIn];
    thread[vIn] = uIn;
    rev[uIn] = vIn;
    thread[tail] = next;
    rev[next] = tail;
    // Reverse the stem's links, top first so each arc is read before it is overwritten.
    for (let i = k; i >= 1; i--) {
      const x = stem[i];
      const child = stem[i - 1];
      parent[x] = child;
      pred[x] = pred[child];
      up[x] = up[child] === 1 ? 0 : 1;
    }
    parent[uIn] = vIn;
    pred[uIn] = e;
    up[uIn] = this.src[e] === uIn ? 1 : 0;
    for (let x = vOut; x !== join; x = parent[x]) size[x] -= moved;
    for (let x = vIn; x !== join; x = parent[x]) size[x] += moved;
    size[uIn] = moved;
    for (let i = 1; i <= k; i++) size[stem[i]] = moved - oldSize[i - 1];
    for (let i = 0; i <= k; i++) last[stem[i]] = tail;
    for (let x = vOut; x !== -1 && last[x] === oldEnd; x = parent[x]) last[x] = before;
    for (let x = vIn; x !== -1 && last[x] === vIn; x = parent[x]) last[x] = tail;
    // Potentials: the entering arc's reduced cost becomes zero; the whole moved subtree shifts alike.
    const pi = this.pi;
    const target = this.src[e] === uIn ? pi[vIn] - this.cost[e] : pi[vIn] + this.cost[e];
    const shift = target - pi[uIn];
    for (let x = uIn, i = 0; i < moved; i++, x = thread[x]) pi[x] += shift;
  }
}

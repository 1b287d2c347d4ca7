/** A ring of pixel-corner coordinates [column, row], closed (last = first). */
export type PixelRing = [number, number][];

export interface TracedComponent {
  /** Outer ring first, then its holes. */
  rings: PixelRing[];
  pixels: number;
}

// Directions in image space (rows grow downwards): east, south, west, north.
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/** 4-connected components of `mask` (non-zero = object): a label per pixel (0 = none) and each label's size. */
function labelComponents(mask: ArrayLike<number>, width: number, height: number) {
  const labels = new Int32Array(width * height);
  const sizes = [0];
  const stack: number[] = [];
  for (let start = 0; start < labels.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = sizes.length;
    let size = 0;
    labels[start] = label;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      size++;
      const x = p % width;
      const y = (p - x) / width;
      for (let d = 0; d < 4; d++) {
        const nx = x + DX[d];
        const ny = y + DY[d];
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const q = ny * width + nx;
        if (mask[q] && !labels[q]) {
          labels[q] = label;
          stack.push(q);
        }
      }
    }
    sizes.push(size);
  }
  return { labels, sizes };
}

/**
 * The exact outlines of the objects in a binary mask, along pixel edges (as GDAL's polygonize
 * draws them, not interpolated like marching squares, so an object's area is its pixel count).
 * Objects are 4-connected; two that touch only at a corner stay apart. Every boundary edge is
 * walked with the object on its right; where two edges leave a corner, the walk turns right, so a
 * ring never crosses from one object to the other. A ring's winding tells outer from hole.
 */
export function traceComponents(mask: ArrayLike<number>, width: number, height: number): TracedComponent[] {
  const { labels, sizes } = labelComponents(mask, width, height);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : labels[y * width + x]);
  const stride = width + 1;
  // Boundary edges by start corner: edge = corner * 4 + direction; a corner starts at most two.
  const outgoing = new Map<number, number[]>();
  const addEdge = (cx: number, cy: number, dir: number) => {
    const corner = cy * stride + cx;
    const list = outgoing.get(corner);
    if (list) list.push(corner * 4 + dir);
    else outgoing.set(corner, [corner * 4 + dir]);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const label = labels[y * width + x];
      if (!label) continue;
      if (at(x, y - 1) !== label) addEdge(x, y, 0); // top, eastwards
      if (at(x + 1, y) !== label) addEdge(x + 1, y, 1); // right, southwards
      if (at(x, y + 1) !== label) addEdge(x + 1, y + 1, 2); // bottom, westwards
      if (at(x - 1, y) !== label) addEdge(x, y + 1, 3); // left, northwards
    }
  }
  const used = new Set<number>();
  const ringsOf = new Map<number, { outer: PixelRing | null; holes: PixelRing[] }>();
  for (const edges of outgoing.values()) {
    for (const first of edges) {
      if (used.has(first)) continue;
      const ring = walk(first, outgoing, used, stride);
      // The pixel on the right of the ring's first edge names its object.
      const corner = Math.floor(first / 4);
      const [cx, cy] = [corner % stride, Math.floor(corner / stride)];
      const label = [at(cx, cy), at(cx - 1, cy), at(cx - 1, cy - 1), at(cx, cy - 1)][first % 4];
      const entry = ringsOf.get(label) ?? { outer: null, holes: [] };
      if (signedArea(ring) > 0) entry.outer = ring;
      else entry.holes.push(ring);
      ringsOf.set(label, entry);
    }
  }
  const components: TracedComponent[] = [];
  for (const [label, { outer, holes }] of [...ringsOf.entries()].sort((a, b) => a[0] - b[0])) {
    if (outer) components.push({ rings: [outer, ...holes], pixels: sizes[label] });
  }
  return components;
}

function walk(first: number, outgoing: Map<number, number[]>, used: Set<number>, stride: number): PixelRing {
  const ring: PixelRing = [];
  let edge = first;
  let previousDir = -1;
  for (;;) {
    used.add(edge);
    const corner = Math.floor(edge / 4);
    const dir = edge % 4;
    // Only corners where the direction changes: a straight run is one segment.
    if (dir !== previousDir) ring.push([corner % stride, Math.floor(corner / stride)]);
    previousDir = dir;
    const end = corner + DX[dir] + DY[dir] * stride;
    const next = (outgoing.get(end) ?? []).filter((e) => !used.has(e) || e === first);
    if (next.length === 0) break;
    const right = (dir + 1) % 4;
    edge = next.find((e) => e % 4 === right) ?? next[0];
    if (edge === first) break;
  }
  // The walk may have started mid-run: then its first corner is not one.
  if (first % 4 === previousDir && ring.length > 1) ring.shift();
  ring.push([...ring[0]] as [number, number]);
  return ring;
}

/** Shoelace area in image space (rows downwards): positive for a ring with its object on the right. */
function signedArea(ring: PixelRing): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

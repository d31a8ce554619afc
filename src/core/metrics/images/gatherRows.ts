/** Rows `rows` of a row-major matrix `width` values wide (images, or features), copied in that order. */
export function gatherRows(values: Float32Array, rows: ArrayLike<number>, width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let k = 0; k < rows.length; k++) out.set(values.subarray(rows[k] * width, (rows[k] + 1) * width), k * width);
  return out;
}

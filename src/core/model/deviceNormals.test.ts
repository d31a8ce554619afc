import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { startSoftwareDawn, SWIFTSHADER } from '../backend/dawnTesting';
import { deviceNormals } from './deviceNormals';

describe.skipIf(!SWIFTSHADER)('WebGPU on Dawn (software Vulkan)', () => {
  it('makes standard normals on the device, the same for the same keys', async () => {
    await startSoftwareDawn();
    expect(tf.getBackend()).toBe('webgpu');
    const rows = 2000;
    const cols = 64;
    const [a, again, other] = await Promise.all([deviceNormals(rows, cols, 7, 9), deviceNormals(rows, cols, 7, 9), deviceNormals(rows, cols, 8, 9)].map(async (t) => {
      const values = (await t.data()) as Float32Array;
      t.dispose();
      return values;
    }));
    expect(again).toEqual(a);
    expect(other.filter((v, i) => v === a[i]).length).toBeLessThan(5);
    const n = a.length;
    const mean = a.reduce((s, v) => s + v, 0) / n;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    // 128,000 draws: the mean's standard error is 0.003, the variance's 0.004.
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    const tails = a.filter((v) => Math.abs(v) > 1.959964).length / n;
    expect(Math.abs(tails - 0.05)).toBeLessThan(0.004);
    // Neighbouring columns of a row, and the same column of neighbouring rows, are uncorrelated.
    let acrossColumns = 0;
    let acrossRows = 0;
    for (let r = 0; r < rows - 1; r++) {
      for (let c = 0; c < cols - 1; c++) {
        acrossColumns += a[r * cols + c] * a[r * cols + c + 1];
        acrossRows += a[r * cols + c] * a[(r + 1) * cols + c];
      }
    }
    const pairs = (rows - 1) * (cols - 1);
    expect(Math.abs(acrossColumns / pairs)).toBeLessThan(0.015);
    expect(Math.abs(acrossRows / pairs)).toBeLessThan(0.015);
    expect(tf.memory().numTensors).toBe(0);
  }, 60_000);
});

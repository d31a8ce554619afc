import type { StudioState } from './types';

export const selectHasData = (s: StudioState) => s.fileName !== null;
export const selectBusy = (s: StudioState) => s.status !== 'idle';
export const selectCanGenerate = (s: StudioState) => s.modelReady && s.status === 'idle' && s.generating === null;
export const selectIncludedCount = (s: StudioState) => s.columns.filter((c) => c.include).length;

import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Inside src/core imports run downward only: each folder lists the core folders it may import
// (session, the one pipeline, may import them all). `typesFrom` may be imported for types only.
const CORE_LAYERS = {
  util: { from: [] },
  data: { from: ['util'] },
  transform: { from: ['data', 'util'] },
  backend: { from: ['util'] },
  // A model is built for the encoded layout the transform makes, and runs none of its code.
  model: { from: ['backend', 'util'], typesFrom: ['transform'] },
  metrics: { from: ['data', 'util'] },
  // The report's HTML and JSON are written from the plain data metrics computes.
  export: { from: ['data', 'util'], typesFrom: ['metrics'] },
  train: { from: ['model', 'transform', 'data', 'metrics', 'backend', 'util'] },
};
const CORE_FOLDERS = [...Object.keys(CORE_LAYERS), 'session'];

function coreLayer(folder, { from, typesFrom = [] }) {
  const allowed = [folder, ...from, ...typesFrom];
  const may = from.length ? `may import only core/{${from.join(',')}}` : 'imports nothing else in core';
  const types = typesFrom.length ? ` and types from core/{${typesFrom.join(',')}}` : '';
  const message = `core/${folder} ${may}${types}: imports run downward.`;
  const patterns = [{ group: CORE_FOLDERS.filter((f) => !allowed.includes(f)).map((f) => `**/${f}/*`), message }];
  if (typesFrom.length) patterns.push({ group: typesFrom.map((f) => `**/${f}/*`), allowTypeImports: true, message });
  if (patterns[0].group.length === 0) patterns.shift();
  return { files: [`src/core/${folder}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'scratch'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The core runs in a worker and under Node: no React, no state store, no UI.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'uplot', '**/ui/**', '**/state/**', '**/worker/**', '**/cli/**', '**/bench/**'] },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'localStorage'],
    },
  },
  {
    // Every file of the core lives in one of its folders, so every file has a layer.
    files: ['src/core/*.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: 'Program', message: 'Put this file in a folder of src/core (CORE_LAYERS in eslint.config.js).' }] },
  },
  ...Object.entries(CORE_LAYERS).map(([folder, layer]) => coreLayer(folder, layer)),
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The page never touches tensors: the worker owns them all.
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tensorflow/*'], message: 'The worker owns every tensor.' },
            { group: ['**/core/model/*', '!**/core/model/config', '**/core/train/*', '!**/core/train/budget', '**/core/backend/*'], allowTypeImports: true, message: 'Only types cross to the page.' },
          ],
        },
      ],
    },
  },
);

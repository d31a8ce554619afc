import { describe, expect, it } from 'vitest';
import { compareLabels, isJunk, labelsOf, pathParts } from './paths';

describe('image paths', () => {
  it('refuses names that point outside the upload, and reads backslashes as separators', () => {
    for (const bad of ['../x.png', 'a/../../x.png', '/x.png', '\\x.png', 'C:\\x.png', 'c:x.png', '..\\x.png', 'a/\0.png']) expect(pathParts(bad)).toBeNull();
    expect(pathParts('a\\b.png')).toEqual(['a', 'b.png']);
    expect(pathParts('./a//b/./c.png')).toEqual(['a', 'b', 'c.png']);
    expect(pathParts('a/..b/c..png')).toEqual(['a', '..b', 'c..png']);
  });

  it('knows the clutter systems leave', () => {
    expect(['__MACOSX/a/._x.png', 'a/.DS_Store', 'a/Thumbs.db', '.git/x.png', 'a/desktop.ini'].every((p) => isJunk(pathParts(p)!))).toBe(true);
    expect(isJunk(['a', 'x.png'])).toBe(false);
  });

  it('labels by the folder holding each file, counting from one shared top folder', () => {
    expect(labelsOf([['d', '3', 'a.png'], ['d', '7', 'b.png'], ['d', 'c.png']])).toEqual(['3', '7', 'all']);
    expect(labelsOf([['3', 'a.png'], ['7', 'b.png']])).toEqual(['3', '7']);
    expect(labelsOf([['photos', 'a.png'], ['photos', 'b.png']])).toEqual(['all', 'all']);
    expect(labelsOf([['a.png'], ['b.png']])).toEqual(['all', 'all']);
    // The same name typed on one system and zipped on another (composed vs decomposed é).
    expect(new Set(labelsOf([['caf\u00e9', 'a.png'], ['cafe\u0301', 'b.png'], ['x', 'c.png']])).size).toBe(2);
  });

  it('orders numbered labels as numbers', () => {
    expect(['10', 'b', '2', 'a', '01'].sort(compareLabels)).toEqual(['01', '2', '10', 'a', 'b']);
  });
});

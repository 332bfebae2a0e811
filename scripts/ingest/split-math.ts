/** The math splitter is shared with the site (titles render their math too): src/lib/split-math.ts. */
export * from '../../src/lib/split-math.ts';

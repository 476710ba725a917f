/** The public pages' catalogue subsets, made at build time by web/build/public-catalogues.ts. */
declare module 'virtual:public-catalogue/*' {
  const catalogue: Record<string, unknown>;
  export default catalogue;
}

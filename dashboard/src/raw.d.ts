/** Vite's `?raw` imports, which the unit tests use to read the stylesheet they check. */
declare module '*?raw' {
  const text: string;
  export default text;
}

// The widget's locale files (imported by page.ts for their texts) also carry the prompt's
// logic, which names two browser globals inside functions the Worker never calls. Declaring
// them here lets tsc check that import without giving the whole Worker the DOM's types.
declare const document: { querySelector(selectors: string): Element | null };
declare const location: { href: string };

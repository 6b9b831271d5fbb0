/** The JSON path of a trait or prop name (names are limited to letters, digits and _ . : -). */
export const jsonPath = (key: string) => `$."${key}"`;

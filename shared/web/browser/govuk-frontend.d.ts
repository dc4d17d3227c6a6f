/** govuk-frontend ships no type declarations; this is the one function the form script uses. */
declare module 'govuk-frontend' {
  export function initAll(config?: { scope?: Element }): void;
}

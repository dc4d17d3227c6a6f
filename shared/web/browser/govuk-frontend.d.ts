/** govuk-frontend ships no type declarations; these are the parts the page scripts use. */
declare module 'govuk-frontend' {
  /** A GOV.UK Frontend component class (started on each element with its data-module). */
  export interface ComponentClass {
    readonly moduleName: string;
  }
  export const Button: ComponentClass;
  export const CharacterCount: ComponentClass;
  export const ErrorSummary: ComponentClass;
  export const Radios: ComponentClass;
  export const SkipLink: ComponentClass;
  /** Starts `component` on every element with its data-module inside `scope` (default: the document). */
  export function createAll(component: ComponentClass, config?: undefined, scope?: Element): unknown[];
}

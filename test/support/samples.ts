/** The bundled synthetic sample files and the import kind each one is. */
export const SYNTHETIC_SAMPLES = [
  ['samples/la-outcomes.synthetic.csv', 'la-outcomes'],
  ['samples/intelligence.synthetic.csv', 'intelligence'],
  ['samples/commissioners.synthetic.csv', 'commissioners'],
  ['samples/contacts.synthetic.csv', 'contacts'],
  ['samples/reviewers.synthetic.csv', 'reviewers'],
] as const;

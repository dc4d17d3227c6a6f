// Lint: typescript-eslint with type information (recommendedTypeChecked) on every TypeScript
// file in tsconfig.json, and Prettier's config last so that layout is Prettier's business only.
// `npm run lint` checks; `npm run format` rewrites layout (.prettierrc).
import eslint from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['node_modules/', 'cdk.out/', '.local/', 'test-artifacts/', 'samples/', 'shared/web/browser/dist/']),
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  comments.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_` marks a parameter a callback must accept but does not use (replace callbacks, ...).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // A disable comment names its rule and says why, after `--`.
      '@eslint-community/eslint-comments/require-description': 'error',
    },
  },
  {
    // House rule: functions under about 80 lines (tests' describe/it bodies are stories, not functions).
    files: ['functions/**/*.ts', 'shared/**/*.ts', 'infra/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    // In-memory fakes of the async ports are `async () => value`: nothing to await, on purpose.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);

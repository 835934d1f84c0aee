import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'artifacts/', 'dist/', 'web/dist/', 'scratch/'] },
  js.configs.recommended,
  {
    // Plain JavaScript entry points run on Node.
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // core is pure: no I/O, no clock, nothing from the rest of the repository.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/platform/*', '**/capabilities/*', '**/app/*', 'node:fs', 'node:net', 'node:http'],
              message: 'core stays pure',
            },
            { group: ['@duckdb/*', 'hono', 'hono/*', 'pino'], message: 'core stays pure' },
          ],
        },
      ],
    },
  },
);

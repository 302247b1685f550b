// Flat config: typescript-eslint's recommended rules over the whole project. Type checking itself
// is `npm run typecheck` (tsc); lint catches what the compiler does not.
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['out/', 'node_modules/', 'build/', 'dist/', 'test-results/', 'scratch/', '.bench/']),
  tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter kept for its position (Electron event handlers, Virtuoso props).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
);

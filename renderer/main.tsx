import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { InvestigateProvider } from './app/investigate.tsx';
import { ScopeProvider } from './app/scope.tsx';
import './app/app.css';
// After app.css: the start screen, dialogs and feature styles build on its variables and base rules.
import './app/screens.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    {/* Outside App so that everything App renders, header and status bar included, shares one scope. */}
    <ScopeProvider>
      {/* Timelines, histories and diffs open from anywhere in App (table, detail pane, facets). */}
      <InvestigateProvider>
        <App />
      </InvestigateProvider>
    </ScopeProvider>
  </StrictMode>,
);

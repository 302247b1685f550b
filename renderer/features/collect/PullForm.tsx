import { useId, useState } from 'react';
import type { CollectorId, CollectorInfo, PullRequest } from '../../../preload/api.ts';
import { initialValues, SCOPE_FIELDS, toPullRequest, type PullFormValues } from './pull-form.ts';

export interface PullFormProps {
  collectors: CollectorInfo[];
  disabled: boolean;
  onSubmit(req: PullRequest, title: string): void;
  onCancel(): void;
}

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <div className="pull-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <span className="pull-hint">{hint}</span>}
    </div>
  );
}

function credentialHint(info: CollectorInfo): string {
  if (info.credentialFrom === 'env') return `Leave empty to use ${info.envVar} from the host's environment.`;
  if (info.credentialFrom === 'keychain') return 'Leave empty to use the one kept in the OS keychain.';
  return `Used for this pull only; never written to the case. The host can also read ${info.envVar}.`;
}

/** "Add API source": vendor, where, credential, scope, time range and the vendor's filters. */
export function PullForm({ collectors, disabled, onSubmit, onCancel }: PullFormProps): React.JSX.Element {
  const uid = useId();
  const [values, setValues] = useState<PullFormValues>(() => initialValues(collectors[0]?.id ?? 'okta', Date.now()));
  const [problems, setProblems] = useState<string[]>([]);
  const info = collectors.find((c) => c.id === values.vendor);
  const set = (patch: Partial<PullFormValues>): void => setValues((v) => ({ ...v, ...patch }));
  const id = (name: string): string => `${uid}-${name}`;

  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    if (!info) return;
    const r = toPullRequest(values, info);
    if (!r.ok) {
      setProblems(r.problems);
      return;
    }
    setProblems([]);
    onSubmit(r.request, info.label);
    setValues((v) => ({ ...v, credential: '' }));
  };

  return (
    <form className="pull-form" data-testid="pull-form" onSubmit={submit} noValidate>
      <div className="pull-grid">
        <Field id={id('vendor')} label="Vendor">
          <select
            id={id('vendor')}
            data-testid="pull-vendor"
            value={values.vendor}
            onChange={(e) => setValues((v) => ({ ...initialValues(e.target.value as CollectorId, Date.now()), from: v.from, to: v.to }))}
          >
            {collectors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('base')} label="Base URL" hint={info?.defaultBaseUrl ? `Default ${info.defaultBaseUrl}` : 'Required: your organization’s domain'}>
          <input
            id={id('base')}
            data-testid="pull-base-url"
            className="pull-input mono"
            value={values.baseUrl}
            placeholder={info?.defaultBaseUrl ?? 'https://your-org.okta.com'}
            spellCheck={false}
            onChange={(e) => set({ baseUrl: e.target.value })}
          />
        </Field>
        {info && (
          <Field id={id('cred')} label="Credential" hint={`${info.credentialName}. ${credentialHint(info)}`}>
            <input
              id={id('cred')}
              data-testid="pull-credential"
              className="pull-input mono"
              type="password"
              autoComplete="off"
              value={values.credential}
              onChange={(e) => set({ credential: e.target.value })}
            />
            {info.canRemember && (
              <label className="pull-check">
                <input type="checkbox" data-testid="pull-remember" checked={values.remember} onChange={(e) => set({ remember: e.target.checked })} />
                Remember in the OS keychain
              </label>
            )}
          </Field>
        )}
        {SCOPE_FIELDS[values.vendor].map((f) => (
          <Field key={f.key} id={id(f.key)} label={f.label} hint={f.hint}>
            <input
              id={id(f.key)}
              data-testid={`pull-scope-${f.key}`}
              className="pull-input"
              value={values[f.key]}
              spellCheck={false}
              onChange={(e) => set({ [f.key]: e.target.value })}
            />
          </Field>
        ))}
        {values.vendor === 'squadcast' && (
          <Field id={id('region')} label="Region" hint="Where the account's data lives">
            <select id={id('region')} data-testid="pull-region" value={values.region} onChange={(e) => set({ region: e.target.value === 'eu' ? 'eu' : 'us' })}>
              <option value="us">US (api.squadcast.com)</option>
              <option value="eu">EU (api.eu.squadcast.com)</option>
            </select>
            <label className="pull-check">
              <input type="checkbox" checked={values.details} onChange={(e) => set({ details: e.target.checked })} />
              Fetch each entry’s details (IP, user agent, changes): one request per entry
            </label>
          </Field>
        )}
        {values.vendor === 'github' && (
          <Field id={id('include')} label="Events" hint="GitHub's include parameter">
            <select
              id={id('include')}
              value={values.include}
              onChange={(e) => set({ include: e.target.value === 'web' ? 'web' : e.target.value === 'git' ? 'git' : 'all' })}
            >
              <option value="all">All (web and Git)</option>
              <option value="web">Web only</option>
              <option value="git">Git only</option>
            </select>
          </Field>
        )}
        <Field id={id('from')} label="From" hint="YYYY-MM-DD (UTC midnight) or an ISO 8601 time">
          <input id={id('from')} data-testid="pull-from" className="pull-input mono" value={values.from} onChange={(e) => set({ from: e.target.value })} />
        </Field>
        <Field id={id('to')} label="To" hint="Empty: up to now">
          <input id={id('to')} data-testid="pull-to" className="pull-input mono" value={values.to} placeholder="now" onChange={(e) => set({ to: e.target.value })} />
        </Field>
      </div>
      {info && info.filters.length > 0 && (
        <fieldset className="pull-filters">
          <legend>Filters (optional, as the vendor names them)</legend>
          <div className="pull-grid">
            {info.filters.map((name) => (
              <Field key={name} id={id(`f-${name}`)} label={name}>
                <input
                  id={id(`f-${name}`)}
                  data-testid={`pull-filter-${name}`}
                  className="pull-input mono"
                  value={values.filters[name] ?? ''}
                  spellCheck={false}
                  onChange={(e) => set({ filters: { ...values.filters, [name]: e.target.value } })}
                />
              </Field>
            ))}
          </div>
        </fieldset>
      )}
      {problems.length > 0 && (
        <ul className="pull-problems" role="alert" data-testid="pull-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="modal-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Back
        </button>
        <button type="submit" data-testid="pull-run-button" disabled={disabled}>
          Run pull
        </button>
      </div>
    </form>
  );
}

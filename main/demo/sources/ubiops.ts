import { ATTACKER_IP, DANA, MARCO, PRIYA } from './cast.ts';
import { Rng, at, iso, spread } from './rng.ts';

/** One item of UbiOps `GET /projects/{p}/audit`. */
export interface UbiopsEvent {
  id: string;
  date: string;
  action: 'create' | 'update' | 'delete' | 'info';
  user: string;
  event: string;
  object_type: string;
  object_name: string;
}

type Draft = Omit<UbiopsEvent, 'id' | 'date'>;

const SERVICE_USER = '4f1c9e2a@serviceuser.ubiops.com';

/** UbiOps audit events of project acme-ml, newest first as the API lists them. */
export function ubiopsEvents(seed: number): UbiopsEvent[] {
  const rng = new Rng(seed);
  const out: Array<[number, Draft]> = [];
  const add = (ms: number, d: Draft): void => {
    out.push([ms, d]);
  };

  // Background: model work by Marco and Priya, CI revisions by the service user.
  const deployments = ['invoice-classifier', 'churn-model', 'ocr-extractor'];
  for (let d = 0; d < 3; d++) {
    for (const t of spread(rng, d, rng.int(5, 8))) {
      const dep = rng.pick(deployments);
      const who = rng.pick([MARCO.email, PRIYA.email, SERVICE_USER]);
      const kind = rng.int(0, 3);
      if (kind === 0) {
        const from = rng.pick([1, 2, 3]);
        add(t, {
          action: 'update',
          user: who,
          event: `Updated version v2 of deployment ${dep}: maximum_instances changed from '${from}' to '${from + 1}'`,
          object_type: 'deployment_version',
          object_name: 'v2',
        });
      } else if (kind === 1) {
        const rev = rng.int(4, 40);
        add(t, {
          action: 'create',
          user: SERVICE_USER,
          event: `Created revision ${rev} for version v2 of deployment ${dep}`,
          object_type: 'revision',
          object_name: String(rev),
        });
      } else if (kind === 2) {
        add(t, {
          action: 'info',
          user: who,
          event: `Requested logs of deployment ${dep}`,
          object_type: 'deployment',
          object_name: dep,
        });
      } else {
        const failed = rng.chance(0.3);
        add(t, {
          action: 'info',
          user: SERVICE_USER,
          event: failed
            ? `Building revision of deployment ${dep} failed: pip install exited with code 1`
            : `Building revision of deployment ${dep} finished`,
          object_type: 'deployment_version',
          object_name: 'v2',
        });
      }
    }
  }
  add(at(0, 10, 12, 48), {
    action: 'create',
    user: PRIYA.email,
    event: 'Created environment variable API_BASE_URL for deployment invoice-classifier',
    object_type: 'environment_variable',
    object_name: 'API_BASE_URL',
  });

  // Incident.
  add(at(1, 2, 31, 57), {
    action: 'create',
    user: DANA.email,
    event: 'Created service user backup-sync',
    object_type: 'service_user',
    object_name: 'backup-sync',
  });
  add(at(1, 2, 32, 30), {
    action: 'create',
    user: DANA.email,
    event: 'Assigned role project-admin to service user backup-sync',
    object_type: 'role_assignment',
    object_name: 'project-admin',
  });
  add(at(1, 2, 35, 12), {
    action: 'update',
    user: DANA.email,
    event: `Updated environment variable API_BASE_URL of deployment invoice-classifier: value changed from 'https://erp.acme.example/api' to 'https://${ATTACKER_IP}:8443/api'`,
    object_type: 'environment_variable',
    object_name: 'API_BASE_URL',
  });
  add(at(1, 2, 36, 44), {
    action: 'update',
    user: DANA.email,
    event:
      "Updated deployment invoice-classifier: description changed from 'Classifies incoming invoices' to '', labels changed from 'team:finance' to ''",
    object_type: 'deployment',
    object_name: 'invoice-classifier',
  });
  add(at(1, 2, 44, 59), {
    action: 'delete',
    user: DANA.email,
    event: 'Deleted version v1 of deployment invoice-classifier',
    object_type: 'deployment_version',
    object_name: '',
  });
  add(at(1, 2, 45, 31), {
    action: 'delete',
    user: DANA.email,
    event: 'Deleted bucket training-data',
    object_type: 'bucket',
    object_name: '',
  });

  // Response.
  add(at(1, 9, 5, 16), {
    action: 'update',
    user: MARCO.email,
    event: `Updated environment variable API_BASE_URL of deployment invoice-classifier: value changed from 'https://${ATTACKER_IP}:8443/api' to 'https://erp.acme.example/api'`,
    object_type: 'environment_variable',
    object_name: 'API_BASE_URL',
  });
  add(at(1, 9, 7, 2), {
    action: 'delete',
    user: MARCO.email,
    event: 'Deleted service user backup-sync',
    object_type: 'service_user',
    object_name: '',
  });

  return out
    .sort((a, b) => b[0] - a[0])
    .map(([ms, d]) => ({ id: rng.uuid(), date: iso(ms).replace('Z', '+00:00'), ...d }));
}

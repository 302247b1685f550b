/** The people, places and objects of the demo incident, shared by every vendor's generator. */

export interface Person {
  email: string;
  name: string;
  ip: string;
  /** Stable ids per vendor, derived from the person so every file agrees. */
  oktaId: string;
  epilotId: string;
  squadcastId: string;
}

const person = (email: string, name: string, ip: string, n: number): Person => ({
  email,
  name,
  ip,
  oktaId: `00u${(8_000_000 + n * 7919).toString(36)}Qd${n}x697`,
  epilotId: String(10_000 + n),
  squadcastId: `63f1c2a9e4b0d71a2c5e8f${String(n).padStart(2, '0')}`,
});

export const DANA = person('dana@acme.example', 'Dana Whitfield', '198.51.100.64', 7);
export const MARCO = person('marco.rossi@acme.example', 'Marco Rossi', '198.51.100.23', 3);
export const PRIYA = person('priya.n@acme.example', 'Priya Natarajan', '198.51.100.41', 4);
export const LI = person('li.wei@acme.example', 'Li Wei', '198.51.100.57', 1);
export const SAM = person('sam.okafor@acme.example', 'Sam Okafor', '198.51.100.80', 9);
export const STAFF: readonly Person[] = [DANA, MARCO, PRIYA, LI, SAM];

/** The address the leaked token is used from: never seen before the incident. */
export const ATTACKER_IP = '203.0.113.77';
export const ATTACKER_UA = 'python-requests/2.31.0';
export const BROWSER_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.112 Safari/537.36';
export const EXFIL_URL = 'https://paste.example.net/u/8f3k';

export const AWS_ACCOUNT = '123456789012';
export const AWS_REGION = 'eu-central-1';
/** The access key stored in YepCode's invoice-sync process, read out by the modified code. */
export const LEAKED_KEY = 'AKIA4MTWJQXEINVSYNC7';

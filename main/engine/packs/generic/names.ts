/**
 * Field names by what they usually mean in audit logs, normalised as leaves.ts normKey does
 * (`event_time`, `eventTime`, `Event DateTime` and `TimeGenerated [UTC]` become `eventtime`,
 * `eventtime`, `eventdatetime`, `timegenerated`). Weights rank candidates; shapes decide.
 */

const w = (weight: number, names: string): Record<string, number> =>
  Object.fromEntries(names.split(/\s+/).filter(Boolean).map((n) => [n, weight]));

/** Names meaning "when it happened" first; created/updated/received only when nothing better is there. */
export const TIME_NAMES: Record<string, number> = {
  ...w(4, 'updated updatedat updatedon updatedtime modified modifiedat lastmodified lastmodifieddate modifiedtime received receivedat receivedtime ingested ingestiontime ingesttime processedat processed indexed indexedat stagetimestamp eventingestedtime'),
  ...w(7, 'date created createdat createdon createddate createddatetime createdtime createtime creationdate datecreated insertedat recordedat recorded logged requesttime'),
  ...w(
    10,
    'eventtime eventtimestamp eventdatetime eventdate timegenerated timestamp time ts datetime when occurredat occurred occurrencetime occurredon effectiveat happenedat activitydatetime activitytime activitydate actiontime actiondate audittime datecreate logintime logondate logontime logindate creationtime timecreated published utctimestamp systemtime requestreceivedtimestamp performedat executedat loggedat eventtimeutc sysdate',
  ),
};

/** Never a record's own time, whatever the value looks like. */
export const NOT_TIME = /expir|birth|dob|lastlogin|lastseen|lastactive|passwordlast|passwordchang|validfrom|validto|validuntil|notbefore|notafter|deadline|due|until|since|renew|joined|hired|starttime|endtime|startdate|enddate|duration/;

/** Objects whose fields describe who acted. Prefix match on the normalised key. */
export const ACTOR_OBJECTS = [
  'actor', 'initiatedby', 'initiator', 'principal', 'caller', 'author', 'useridentity', 'identity', 'performedby',
  'performer', 'creator', 'createdby', 'modifiedby', 'changedby', 'updatedby', 'requester', 'requestedby', 'requestor',
  'operator', 'impersonat', 'triggeredby', 'executedby', 'authenticateduser', 'actinguser', 'sourceuser', 'admin',
  'user', 'subject', 'owner', 'account', 'agent', 'by', 'who',
];
/** Within those, lower weights for objects that are often not the actor. */
const WEAK_ACTOR_OBJECTS = new Set(['owner', 'account', 'agent', 'subject', 'by']);

/** Objects (and arrays) describing what was acted on: never the actor. */
export const TARGET_OBJECTS = [
  'target', 'targetresources', 'resource', 'object', 'objectref', 'entity', 'affected', 'item', 'document', 'file',
  'repo', 'repository', 'project', 'asset', 'modifiedresource', 'objectitem', 'associateditems', 'associatedobjects',
  'recipient', 'assignee', 'invitee', 'member', 'destination', 'dest', 'modifiedproperties', 'changedvalues', 'changes',
  'old', 'new', 'before', 'after', 'requestobject', 'responseobject', 'newvalue', 'oldvalue', 'container',
  'requestparameters', 'responseelements', 'useragent', 'device', 'location', 'geo', 'client', 'application', 'app',
  'authdevice', 'accessdevice',
];

export function actorObjectWeight(parent: string): number {
  const hit = ACTOR_OBJECTS.find((a) => parent === a || (a.length > 4 && parent.startsWith(a)));
  if (!hit) return 0;
  return WEAK_ACTOR_OBJECTS.has(hit) ? 2 : 6;
}

export const isTargetObject = (parent: string): boolean =>
  TARGET_OBJECTS.some((t) => parent === t || (t.length > 5 && parent.startsWith(t)));

/**
 * Whether the objects around a leaf describe the actor, the target, or neither: the outermost one
 * that says decides (`initiatedBy.app` is the actor, `entity.user` the target).
 */
export function roleOf(parents: string[]): 'actor' | 'target' | null {
  for (let i = parents.length - 1; i >= 0; i--) {
    const p = parents[i] as string;
    if (actorObjectWeight(p) >= 6) return 'actor';
    if (isTargetObject(p)) return 'target';
  }
  return null;
}

/** Values that are levels or severities, never an action. */
export const SEVERITY = /^(info|information|informational|warn|warning|error|err|debug|notice|critical|crit|alert|emergency|trace|fatal|low|medium|high|verbose)$/i;

/** Keys whose string value is the actor, anywhere. */
export const ACTOR_KEYS: Record<string, number> = {
  ...w(3, 'owner ownername account accountname clientname client appname applicationname agent'),
  ...w(
    8,
    'actor actorname actoremail actorusername actorlogin actordisplayname user username useremail userlogin userdisplayname userprincipalname upn email emailaddress login loginname logonname principal principalemail principalname caller initiatedby initiator performedby author authorname authoremail authorkey who changedby modifiedby createdby creator requester requestedby adminemail adminname adminuser operator subjectusername identity impersonator triggeredby executedby uname auid',
  ),
  ...w(
    6,
    'invokedby',
  ),
};

/** Keys inside an actor object, by how readable their values usually are. */
export const ACTOR_INNER_KEYS: Record<string, number> = {
  ...w(2, 'key type'),
  ...w(4, 'name displayname fullname handle screenname nickname'),
  ...w(6, 'login username user loginname alternateid principalname arn invokedby'),
  ...w(8, 'email mail emailaddress userprincipalname upn principalemail useremail'),
};

export const ACTOR_ID_KEYS = new Set(['id', 'userid', 'uid', 'principalid', 'objectid', 'sub', 'accountid', 'actorid', 'uuid', 'key', 'userkey', 'actoruuid', 'authorid', 'createdbyid', 'initiatorid', 'useridentifier', 'principalname', 'accesskeyid']);

export const ACTOR_TYPE_KEYS = new Set(['actortype', 'usertype', 'principaltype', 'identitytype', 'initiatortype', 'authortype', 'callertype']);

export const ACTION_NAMES: Record<string, number> = {
  ...w(3, 'category eventcategory task kind subtype note'),
  ...w(4, 'logintype signintype authtype'),
  ...w(4, 'name method summary message_type messagetype requesttype'),
  ...w(5, 'type eventsubtype changetype'),
  ...w(6, 'operationtype eventid'),
  ...w(
    10,
    'action eventname eventtype eventtypename methodname operationname operation activity activitydisplayname activitytype actiontype actionname eventaction verb auditaction actiontaken event auditevent eventkind activityname auditactiontype',
  ),
};

/** Objects whose `type` / `name` is the action (Cloudflare `action.type`, ECS `event.action`). */
export const ACTION_OBJECTS = new Set(['action', 'event', 'operation', 'activity', 'eventtype']);

export const TARGET_NAME_KEYS: Record<string, number> = {
  ...w(4, 'path title filename objecttitle entitypath fullpath url uri resourceuri resourcepath'),
  ...w(6, 'name displayname email userprincipalname login alternateid arn'),
  ...w(8, 'target targetname targetuser targetusername targetdisplayname resourcename objectname entityname affectedobject repo repository document object resource entity objectdisplayname itemname'),
};
export const TARGET_TYPE_KEYS: Record<string, number> = {
  ...w(5, 'type kind'),
  ...w(8, 'targettype resourcetype objecttype entitytype itemtype affectedobjecttype'),
};
export const TARGET_ID_KEYS: Record<string, number> = {
  ...w(5, 'id uid key uuid guid'),
  ...w(8, 'targetid resourceid objectid entityid itemid targetuuid affectedobjectid'),
};

export const IP_NAMES: Record<string, number> = {
  ...w(4, 'address addr xforwardedfor forwardedfor host'),
  ...w(
    10,
    'ip ipaddress ipaddr clientip clientipaddress clientaddress sourceip sourceipaddress sourceaddress srcip srcaddr remoteip remoteaddr remoteaddress callerip calleripaddress actorip requestip originip userip loginip ipv4 ipv6 publicip',
  ),
};
/** IPs of these are not where the action came from. */
export const NOT_SOURCE_IP = /dest|target|server|local|nat|proxy|internal|private|host|resolved|authdevice/;

export const OUTCOME_NAMES: Record<string, number> = {
  ...w(5, 'statuscode httpstatus responsecode responsestatus resultcode errorcode code state'),
  ...w(8, 'status success succeeded successful issuccess eventstatus failed failure isfailure error'),
  ...w(10, 'outcome result resulttype resultstatus'),
};

export const SIMPLE_FIELDS: Record<'user_agent' | 'service' | 'description' | 'tenant', Record<string, number>> = {
  user_agent: w(10, 'useragent ua rawuseragent httpuseragent useragentstring useragentoriginal'),
  service: {
    ...w(4, 'source app application appname component product interface'),
    ...w(8, 'service servicename eventsource workload sourceservice'),
  },
  description: {
    ...w(4, 'summary text details detail info'),
    ...w(8, 'description message msg displaymessage statusmessage errormessage resultreason failurereason reason resultdescription'),
  },
  tenant: w(8, 'tenant tenantid tenantname org orgid organization organizationid orgname accountid subscriptionid projectid workspace workspaceid enterpriseid teamid customerid companyid domain'),
};

/**
 * The one way the UI talks to the server: JSON over fetch with the session cookie, the
 * CSRF header on every non-GET request, and RFC 9457 problems turned into ApiError.
 */
import type { Static } from 'typebox';
import type { OrganizationQuery as OrganizationQuerySchema } from '../../src/http/organizations/schemas';
import { INCIDENT_STAGES } from '../../src/model/incident';
import type {
  AgreementInput,
  AlarmView,
  AlertChangeInput,
  AlertInput,
  AlertList,
  AlertListQuery,
  AlertPreview,
  AlertView,
  AllocationInput,
  AllocationPlan,
  AllocationPlanSummary,
  AnalyticsScope,
  Application,
  ApplicationInput,
  ApplicationPage,
  ApplicationReceipt,
  AuditPage,
  BulletinInput,
  BulletinPatch,
  BulletinView,
  CapacityInput,
  CapacityItem,
  CapacityPatch,
  CapacityView,
  CentreActivation,
  CentreSeatInput,
  CentreView,
  ChainReport,
  ClaimAnswer,
  Collaboration,
  CommittedPlan,
  CooperationMode,
  CooperationModes,
  CreatedWebhook,
  DecisionInput,
  DeploymentDetail,
  DeploymentInput,
  DeploymentMove,
  DeploymentStatus,
  DeploymentView,
  DisbursementInput,
  DonationPath,
  EligibleStaff,
  Embedding,
  EvaluationLanguage,
  FilingInput,
  FunctionCoverage,
  HxlImportReport,
  ImportJob,
  Incident,
  IncidentCentres,
  IncidentDetail,
  IncidentEvaluation,
  IncidentInput,
  IncidentLedger,
  IncidentPatch,
  IncidentStage,
  IncidentSubstitution,
  IncidentSummary,
  ItemCatalogue,
  Jurisdiction,
  JurisdictionWithPath,
  Jwks,
  Lesson,
  LessonInput,
  LessonPage,
  LessonPatch,
  LessonQuery,
  Lifecycle,
  MapSettings,
  MembershipDetail,
  MoneyMovementView,
  MoneyReceiptInput,
  MoneyReturnInput,
  MovementInput,
  MovementPage,
  MyTasks,
  NeedDetail,
  NeededNow,
  NeedImportJob,
  NeedInput,
  NeedMapAnswer,
  NeedPage,
  NeedQuery,
  NeedView,
  NewUser,
  NotificationPage,
  OfferPage,
  OfferQuery,
  OfferView,
  OpenedIncident,
  OrganizationDetail,
  OrganizationInput,
  OrganizationOfferInput,
  OrganizationPage,
  OrganizationPatch,
  OrganizationRecord,
  OrganizationSummary,
  PageQuery,
  PassStatus,
  PassView,
  Principles,
  Program,
  ProgramInput,
  ProgramPage,
  ProgramPatch,
  ProgramQuery,
  PublicAlertView,
  PublicIncident,
  PublicNeed,
  PublicOfferAnswer,
  PublicOfferInput,
  PublicReceipt,
  PublicReport,
  PublicReportAnswer,
  Recommendation,
  RecommendationFilters,
  RecordedMovement,
  ReportedNeed,
  Revision,
  RumourInput,
  RumourView,
  SeatInput,
  ServiceCategory,
  Session,
  SetupAnswer,
  SheetField,
  ShipmentStep,
  ShipmentView,
  SpecialNeedsCoverage,
  SpecialtyInput,
  StandbyRequestView,
  StandbyRosterView,
  StatementInput,
  StatementView,
  StockLine,
  SubscriptionInput,
  SubscriptionView,
  TransitionInput,
  Transparency,
  User,
  UserPage,
  UserPatch,
  VerifiableField,
  VolunteerInput,
  VolunteerList,
  VolunteerPatch,
  WarehouseInput,
  WarehousePage,
  WarehouseQuery,
  WarehouseView,
  WebhookDeliveryPage,
  WebhookInput,
  WebhookView,
  WhoWhatWhere,
} from './types';

/** A failed request: the problem's code (see src/model/errors.ts), field and detail. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly detail: string | undefined;
  /** The problem's other members (e.g. `remaining` and `holders` of a claim_conflict). */
  readonly members: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    options: { field?: string; detail?: string; title?: string; members?: Record<string, unknown> } = {},
  ) {
    super(options.detail ?? options.title ?? code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.detail = options.detail;
    this.members = options.members ?? {};
  }
}

// Kept in memory only: it comes with every login and session answer.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's CSRF token, for requests sent outside this module (the offline outbox). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | undefined | null;
type Query = Record<string, QueryValue | readonly string[]>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // A list goes as the key repeated (status=open&status=claimed).
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function statusCode(status: number): string {
  if (status === 401) return 'not_authenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 400 && status < 500) return 'invalid_input';
  return 'internal_error';
}

async function toError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const problem = (await response.json()) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
      return new ApiError(response.status, text(problem.code) ?? statusCode(response.status), {
        field: text(problem.field),
        detail: text(problem.detail),
        title: text(problem.title),
        members: problem,
      });
    } catch {
      // fall through to the status alone
    }
  }
  return new ApiError(response.status, statusCode(response.status));
}

/** A request body: JSON, or a file sent as it is with its own content type. */
type Payload = { json: unknown } | { raw: Blob; contentType: string } | undefined;

async function send(
  method: Method,
  path: string,
  payload: Payload,
  accept = 'application/json',
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, ...extraHeaders };
  let body: BodyInit | undefined;
  if (payload && 'json' in payload) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(payload.json);
  } else if (payload) {
    headers['Content-Type'] = payload.contentType;
    body = payload.raw;
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError(0, 'network_error');
  }
  if (!response.ok) throw await toError(response);
  return response;
}

async function request<T>(method: Method, path: string, payload?: Payload, headers?: Record<string, string>): Promise<T> {
  const response = await send(method, path, payload, 'application/json', headers);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const get = <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query));
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { json: body ?? {} });
/** A create that may be retried: the same Idempotency-Key never makes a second record. */
const postOnce = <T>(path: string, body: unknown, idempotencyKey: string) =>
  request<T>('POST', path, { json: body }, { 'Idempotency-Key': idempotencyKey });
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { json: body });
/** Sends a file itself as the request body (not as a form), with its content type. */
const upload = <T>(path: string, file: Blob, contentType: string, query?: Query) =>
  request<T>('POST', withQuery(path, query), { raw: file, contentType });

/** The file name a download's Content-Disposition gives (RFC 6266 filename* first). */
function downloadName(disposition: string | null, fallback: string): string {
  const extended = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // fall through to the plain name
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/** Fetches a file (template, export) and hands it to the browser as a download. */
async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  const response = await send('GET', withQuery(path, query), undefined, '*/*');
  saveFile(await response.blob(), downloadName(response.headers.get('content-disposition'), fallbackName));
}

/** Hands a file made in the browser (or fetched) to the reader as a download. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const authApi = {
  setupNeeded: async () => (await get<{ needed: boolean }>('/setup')).needed,
  setup: (body: { email: string; password: string; displayName?: string; loadDemo?: boolean }) =>
    post<SetupAnswer>('/setup', body),
  login: (body: { email: string; password: string }) => post<Session>('/auth/login', body),
  /** The current session, or null when nobody is signed in. */
  session: async (): Promise<Session | null> => {
    try {
      return await get<Session>('/auth/session');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  logout: () => post<void>('/auth/logout'),
  changePassword: (body: { currentPassword: string; newPassword: string }) => post<void>('/auth/password', body),
};

export const mapApi = {
  settings: () => get<MapSettings>('/map-settings'),
};

export const jurisdictionApi = {
  children: async (parent?: string) => (await get<{ items: Jurisdiction[] }>('/jurisdictions', { parent })).items,
  search: async (q: string) => (await get<{ items: Jurisdiction[] }>('/jurisdictions', { q })).items,
  get: (code: string) => get<JurisdictionWithPath>(`/jurisdictions/${encodeURIComponent(code)}`),
};

/** The directory's filters and a page of it (the server fills in defaults). */
export type OrganizationQuery = Partial<Static<typeof OrganizationQuerySchema>>;

export const organizationApi = {
  list: (query: OrganizationQuery) => get<OrganizationPage>('/organizations', { ...query }),
  /** A page of the directory (same filters) as GeoJSON, each organization at its base. */
  geojson: (query: OrganizationQuery) => download('/organizations', { ...query, format: 'geojson' }, 'organizations.geojson'),
  get: (id: string) => get<OrganizationDetail>(`/organizations/${encodeURIComponent(id)}`),
  create: (body: OrganizationInput) => post<OrganizationSummary>('/organizations', body),
  update: (id: string, body: OrganizationPatch) => patch<OrganizationSummary>(`/organizations/${encodeURIComponent(id)}`, body),
  archive: (id: string) => post<OrganizationSummary>(`/organizations/${encodeURIComponent(id)}/archive`),
  /** Its record: claims, dispatches, time to first progress, check-ins, ratings, the track-record factor. */
  record: (id: string) => get<OrganizationRecord>(`/organizations/${encodeURIComponent(id)}/record`),
  /** Downloads the directory, with the same filters, as a spreadsheet. */
  export: (query: Omit<OrganizationQuery, 'limit' | 'cursor'>, format: SheetFormat) =>
    download('/organizations/export', { ...query, format }, `organizations.${format}`),
};

export type SheetFormat = 'xlsx' | 'csv';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The format of a roster file by its name, or null when it is neither CSV nor XLSX. */
export function sheetFormatOf(fileName: string): SheetFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.csv')) return 'csv';
  return null;
}

export const importApi = {
  template: (format: SheetFormat) => download('/imports/organizations/template', { format }, `roster-template.${format}`),
  /** Starts importing a roster file; answers with the job to follow. */
  start: (file: File, format: SheetFormat) =>
    upload<ImportJob>('/imports/organizations', file, format === 'xlsx' ? XLSX_TYPE : 'text/csv', { fileName: file.name }),
  get: (id: string) => get<ImportJob>(`/imports/${encodeURIComponent(id)}`),
};

/** Needs from spreadsheets: upload (a job awaiting its mapping), the mapping, the job. */
export const needImportApi = {
  start: (incidentId: string, file: File, format: SheetFormat) =>
    upload<NeedImportJob>(
      `/incidents/${encodeURIComponent(incidentId)}/imports/needs`,
      file,
      format === 'xlsx' ? XLSX_TYPE : 'text/csv',
      {
        fileName: file.name,
      },
    ),
  map: (jobId: string, columns: { index: number; field: SheetField }[], defaultCategory: ServiceCategory) =>
    request<NeedImportJob>('POST', withQuery(`/imports/${encodeURIComponent(jobId)}/mapping`, { defaultCategory }), {
      json: { columns },
    }),
  get: (id: string) => get<NeedImportJob>(`/imports/${encodeURIComponent(id)}`),
};

const organizationPath = (id: string, rest = '') => `/organizations/${encodeURIComponent(id)}${rest}`;

export const applicationApi = {
  /** Public: anyone may apply, without an account. */
  submit: (body: ApplicationInput) => post<ApplicationReceipt>('/applications', body),
  list: (query: { status?: Application['status']; limit?: number; cursor?: string }) =>
    get<ApplicationPage>('/applications', query),
  get: (id: string) => get<Application>(`/applications/${encodeURIComponent(id)}`),
  decide: (id: string, body: DecisionInput) => post<Application>(`/applications/${encodeURIComponent(id)}/decision`, body),
};

export const membershipApi = {
  get: (organizationId: string) => get<MembershipDetail>(organizationPath(organizationId, '/membership')),
  transition: (organizationId: string, body: TransitionInput) =>
    post<MembershipDetail>(organizationPath(organizationId, '/membership/transitions'), body),
  desk: async () => (await get<{ items: OrganizationSummary[] }>('/membership/desk')).items,
};

export type EmbeddingKind = 'filings' | 'agreements' | 'seats';

export const embeddingApi = {
  get: (organizationId: string) => get<Embedding>(organizationPath(organizationId, '/embedding')),
  file: (organizationId: string, body: FilingInput) => post<unknown>(organizationPath(organizationId, '/filings'), body),
  agree: (body: AgreementInput) => post<unknown>('/agreements', body),
  seat: (body: SeatInput) => post<unknown>('/seats', body),
  verify: (kind: EmbeddingKind, id: string) => post<unknown>(`/${kind}/${encodeURIComponent(id)}/verify`),
  verifyFields: (organizationId: string, fields: VerifiableField[]) =>
    post<{ verifiedFields: Embedding['verifiedFields'] }>(organizationPath(organizationId, '/verify'), { fields }),
};

export type DeclarationKind = 'capacity' | 'specialties' | 'volunteers';

export const capacityApi = {
  get: (organizationId: string) => get<CapacityView>(organizationPath(organizationId, '/capacity')),
  declare: (organizationId: string, body: CapacityInput) =>
    post<CapacityItem>(organizationPath(organizationId, '/capacity'), body),
  amend: (id: string, body: CapacityPatch) => patch<CapacityItem>(`/capacity/${encodeURIComponent(id)}`, body),
  declareSpecialty: (organizationId: string, body: SpecialtyInput) =>
    post<unknown>(organizationPath(organizationId, '/specialties'), body),
  volunteers: (organizationId: string, includeInactive: boolean) =>
    get<VolunteerList>(organizationPath(organizationId, '/volunteers'), { includeInactive }),
  addVolunteer: (organizationId: string, body: VolunteerInput) =>
    post<unknown>(organizationPath(organizationId, '/volunteers'), body),
  amendVolunteer: (id: string, body: VolunteerPatch) => patch<unknown>(`/volunteers/${encodeURIComponent(id)}`, body),
  verify: (kind: DeclarationKind, id: string) => post<unknown>(`/${kind}/${encodeURIComponent(id)}/verify`),
};

export const userApi = {
  list: (query: { limit?: number; cursor?: string }) => get<UserPage>('/users', query),
  create: (body: NewUser) => post<User>('/users', body),
  update: (id: string, body: UserPatch) => patch<User>(`/users/${encodeURIComponent(id)}`, body),
  get: (id: string) => get<User>(`/users/${encodeURIComponent(id)}`),
  resetPassword: (id: string, password: string) => post<void>(`/users/${encodeURIComponent(id)}/password`, { password }),
};

export const auditApi = {
  list: (query: { limit?: number; cursor?: string }) => get<AuditPage>('/audit', query),
  verify: () => get<ChainReport>('/audit/verify'),
};

const incidentPath = (id: string, rest = '') => `/incidents/${encodeURIComponent(id)}${rest}`;

export const incidentApi = {
  list: async (query: { stage?: readonly IncidentStage[]; jurisdiction?: string } = {}) =>
    (await get<{ items: IncidentSummary[] }>('/incidents', query)).items,
  get: (id: string) => get<IncidentDetail>(incidentPath(id)),
  declare: (body: IncidentInput) => post<IncidentSummary>('/incidents', body),
  update: (id: string, body: IncidentPatch) => patch<Incident>(incidentPath(id), body),
  moveStage: (id: string, body: { to: IncidentStage; reason?: string | null }) =>
    post<IncidentSummary>(incidentPath(id, '/stage'), body),
  /** The evaluation report: figures and a text per section in the reader's language. */
  evaluation: (id: string, lang: EvaluationLanguage) => get<IncidentEvaluation>(incidentPath(id, '/evaluation'), { lang }),
};

/** Incident command: the coordination centre and its seats, and the standby roster. */
export const commandApi = {
  centres: (id: string) => get<IncidentCentres>(incidentPath(id, '/centre')),
  eligible: async (id: string) => (await get<{ items: EligibleStaff[] }>(incidentPath(id, '/centre/eligible'))).items,
  activate: (id: string, body: CentreActivation) => post<CentreView>(incidentPath(id, '/centre/activate'), body),
  staffSeat: (id: string, body: CentreSeatInput) => post<CentreView>(incidentPath(id, '/centre/seats'), body),
  standDown: (id: string, reason: string) => post<CentreView>(incidentPath(id, '/centre/stand-down'), { reason }),
  roster: (id: string) => get<StandbyRosterView>(incidentPath(id, '/standby')),
  requestStandby: (id: string, body: { organizationId: string; note?: string | null }) =>
    post<StandbyRequestView>(incidentPath(id, '/standby'), body),
  withdrawStandby: (id: string, organizationId: string) =>
    request<void>('DELETE', incidentPath(id, `/standby/${encodeURIComponent(organizationId)}`)),
  answerStandby: (id: string, organizationId: string, body: { answer: 'ready' | 'unavailable'; note?: string | null }) =>
    post<StandbyRequestView>(incidentPath(id, `/standby/${encodeURIComponent(organizationId)}/answer`), body),
};

export type IncidentScope = 'open' | 'closed' | 'all';

const SCOPE_STAGES: Record<IncidentScope, readonly IncidentStage[] | undefined> = {
  open: undefined,
  closed: ['closed'],
  all: INCIDENT_STAGES,
};

/** The incidents under way, ended, or all: one query per scope, wherever a page asks for it. */
export const incidentsQuery = (scope: IncidentScope) => ({
  queryKey: ['incidents', scope],
  queryFn: () => incidentApi.list({ stage: SCOPE_STAGES[scope] }),
});

export const meApi = {
  tasks: () => get<MyTasks>('/me/tasks'),
};

export const alarmApi = {
  list: async (incidentId: string, all = false) =>
    (await get<{ items: AlarmView[] }>(incidentPath(incidentId, '/alarm-log'), { all: all || undefined })).items,
  acknowledge: (id: string) => post<AlarmView>(`/alarms/${encodeURIComponent(id)}/acknowledge`),
};

export const deploymentApi = {
  list: async (incidentId: string, status?: DeploymentStatus) =>
    (await get<{ items: DeploymentView[] }>(incidentPath(incidentId, '/deployments'), { status })).items,
  alarms: async (incidentId: string) => (await get<{ items: DeploymentView[] }>(incidentPath(incidentId, '/alarms'))).items,
  get: (id: string) => get<DeploymentDetail>(`/deployments/${encodeURIComponent(id)}`),
  alternatives: async (id: string, filters: RecommendationFilters) =>
    (await get<{ items: Recommendation[] }>(`/deployments/${encodeURIComponent(id)}/alternatives`, filters)).items,
  file: (incidentId: string, body: DeploymentInput) => post<DeploymentView>(incidentPath(incidentId, '/deployments'), body),
  move: (id: string, body: DeploymentMove) => post<DeploymentView>(`/deployments/${encodeURIComponent(id)}/transitions`, body),
  checkIn: (id: string, body: { note?: string | null; lat?: number | null; lon?: number | null }) =>
    post<DeploymentView>(`/deployments/${encodeURIComponent(id)}/check-ins`, body),
};

/** Passes (通行证): the team's pass, the public keys a checkpoint keeps, and whether a pass still stands. */
export const passApi = {
  get: (deploymentId: string) => get<PassView>(`/deployments/${encodeURIComponent(deploymentId)}/pass`),
  status: (jti: string) => get<PassStatus>(`/public/passes/${encodeURIComponent(jti)}`),
  jwks: async (): Promise<Jwks> => {
    let response: Response;
    try {
      response = await fetch('/.well-known/jwks.json', { headers: { Accept: 'application/json' }, cache: 'no-cache' });
    } catch {
      throw new ApiError(0, 'network_error');
    }
    if (!response.ok) throw await toError(response);
    return (await response.json()) as Jwks;
  },
};

const needPath = (id: string, rest = '') => `/needs/${encodeURIComponent(id)}${rest}`;
const claimPath = (id: string, rest: string) => `/claims/${encodeURIComponent(id)}${rest}`;

export const needApi = {
  list: (incidentId: string, query: NeedQuery) =>
    get<NeedPage>(incidentPath(incidentId, '/needs'), { ...query, status: query.status ?? [] }),
  /** The newest needs matching the list's filters for the map, in a box when one is given. */
  map: (incidentId: string, query: Omit<NeedQuery, 'limit' | 'cursor'>) =>
    get<NeedMapAnswer>(incidentPath(incidentId, '/need-map'), { ...query, status: query.status ?? [] }),
  get: (id: string) => get<NeedDetail>(needPath(id)),
  /** The need as an EDXL-RM RequestResource, as this reader may see it. */
  edxl: (id: string) => download(needPath(id), { format: 'edxl-rm' }, `need-${id}.edxl-rm.xml`),
  /** A page of the list (same filters) as GeoJSON, as this reader may see it. */
  geojson: (incidentId: string, query: NeedQuery) =>
    download(incidentPath(incidentId, '/needs'), { ...query, status: query.status ?? [], format: 'geojson' }, 'needs.geojson'),
  report: (incidentId: string, body: NeedInput, idempotencyKey: string) =>
    postOnce<ReportedNeed>(incidentPath(incidentId, '/needs'), body, idempotencyKey),
  claim: (id: string, body: { organizationId: string; quantity?: number }) => post<ClaimAnswer>(needPath(id, '/claims'), body),
  dispatch: (id: string, body: { organizationId: string; quantity?: number }) =>
    post<ClaimAnswer>(needPath(id, '/dispatch'), body),
  release: (claimId: string, reason?: string | null) => post<NeedView>(claimPath(claimId, '/release'), { reason }),
  answer: (claimId: string, body: { accept: boolean; reason?: string | null }) =>
    post<NeedView>(claimPath(claimId, '/answer'), body),
  progress: (claimId: string, body: { note?: string | null; done?: boolean }) =>
    post<NeedView>(claimPath(claimId, '/progress'), body),
  recommendations: async (id: string, filters: RecommendationFilters) =>
    (await get<{ items: Recommendation[] }>(needPath(id, '/recommendations'), filters)).items,
  confirm: (claimId: string) => post<NeedView>(claimPath(claimId, '/confirm')),
  reject: (claimId: string, reason: string) => post<NeedView>(claimPath(claimId, '/reject'), { reason }),
  close: (id: string, body: { reason: 'duplicate' | 'not_found' | 'done_by_others' | 'referred'; note?: string | null }) =>
    post<NeedView>(needPath(id, '/close'), body),
  verify: (id: string, level: 'verified' | 'official') => post<NeedView>(needPath(id, '/verify'), { level }),
  merge: (id: string, into: string) => post<NeedView>(needPath(id, '/merge'), { into }),
  /** Coordinators: the two needs flagged as likely duplicates are different needs. */
  dismissDuplicate: (id: string, otherId: string) =>
    post<void>(needPath(id, `/duplicates/${encodeURIComponent(otherId)}/dismiss`)),
  /** Attaches a photo (JPEG, PNG or WebP, sent as the body itself) as evidence. */
  addEvidence: (id: string, photo: Blob) => upload<{ file: string }>(needPath(id, '/evidence'), photo, photo.type),
};

/** Resources: the item catalogue, what an incident needs now and does not, and offers to it. */
export const offerApi = {
  /** Public, and the same for everyone: cached by the browser for an hour. */
  items: () => get<ItemCatalogue>('/items'),
  /** Public: open quantities per item with what donors pledged, and the not-needed list. */
  needed: (incidentId: string) => get<NeededNow>(`/public/incidents/${encodeURIComponent(incidentId)}/needed`),
  /** Without an account: 422 not_needed (with what is needed now) for goods nobody asks for. */
  offerPublicly: (incidentId: string, body: PublicOfferInput, idempotencyKey: string) =>
    postOnce<PublicOfferAnswer>(`/public/incidents/${encodeURIComponent(incidentId)}/offers`, body, idempotencyKey),
  /** Public: an incident's money and goods by stage, item, organization and area (money in yuan). */
  transparency: (incidentId: string) => get<Transparency>(`/public/incidents/${encodeURIComponent(incidentId)}/transparency`),
  /** Public, for whoever holds the reference code: the donation's path from pledge to delivery. */
  donation: (referenceCode: string) => get<DonationPath>(`/public/donations/${encodeURIComponent(referenceCode)}`),
  list: (incidentId: string, query: OfferQuery) => get<OfferPage>(incidentPath(incidentId, '/offers'), { ...query }),
  /** An organization's offer; goods not needed now need a `reason` (else 422 not_needed). */
  record: (incidentId: string, body: OrganizationOfferInput, idempotencyKey: string) =>
    postOnce<OfferView>(incidentPath(incidentId, '/offers'), body, idempotencyKey),
  withdraw: (id: string, reason: string) => post<OfferView>(`/offers/${encodeURIComponent(id)}/withdraw`, { reason }),
  /** The offer as an EDXL-RM OfferUnsolicitedResource, as this reader may see it. */
  edxl: (id: string) => download(`/offers/${encodeURIComponent(id)}`, { format: 'edxl-rm' }, `offer-${id}.edxl-rm.xml`),
  markNotNeeded: (incidentId: string, item: string, reason: string) =>
    request<NeededNow>('PUT', incidentPath(incidentId, `/not-needed/${encodeURIComponent(item)}`), { json: { reason } }),
  unmarkNotNeeded: (incidentId: string, item: string) =>
    request<NeededNow>('DELETE', incidentPath(incidentId, `/not-needed/${encodeURIComponent(item)}`)),
};

const planPath = (id: string, rest = '') => `/allocation-plans/${encodeURIComponent(id)}${rest}`;

/** Allocation plans of an incident's goods (coordinators of the incident) and the shipments they make. */
export const allocationApi = {
  /** The incident's plans, newest first, without their lines. */
  plans: async (incidentId: string) =>
    (await get<{ items: AllocationPlanSummary[] }>(incidentPath(incidentId, '/allocation-plans'))).items,
  plan: (id: string) => get<AllocationPlan>(planPath(id)),
  propose: (incidentId: string, body: { maxDistanceKm?: number } = {}) =>
    post<AllocationPlan>(incidentPath(incidentId, '/allocation-plans'), body),
  /** Replaces the plan's allocations; 400 naming the broken rule when one asks more than is open or held. */
  edit: (id: string, allocations: AllocationInput[]) => patch<AllocationPlan>(planPath(id), { allocations }),
  /** All or nothing: a shipment and a claim per line; the same key on a retry commits once. */
  commit: (id: string, idempotencyKey: string) => postOnce<CommittedPlan>(planPath(id, '/commit'), {}, idempotencyKey),
  discard: (id: string) => post<AllocationPlan>(planPath(id, '/discard')),
  /** Every signed-in reader; each shipment says whether the reader may move it on (`viewerCanMove`). */
  shipments: async (incidentId: string) => (await get<{ items: ShipmentView[] }>(incidentPath(incidentId, '/shipments'))).items,
  move: (id: string, step: ShipmentStep, idempotencyKey: string) =>
    postOnce<ShipmentView>(`/shipments/${encodeURIComponent(id)}/transitions`, step, idempotencyKey),
};

/** Money an organization received (409 exceeds_pledge), disbursed (409 insufficient_funds) or gave back. */
export const moneyApi = {
  receive: (incidentId: string, body: MoneyReceiptInput, idempotencyKey: string) =>
    postOnce<MoneyMovementView>(incidentPath(incidentId, '/money-receipts'), body, idempotencyKey),
  disburse: (incidentId: string, body: DisbursementInput, idempotencyKey: string) =>
    postOnce<MoneyMovementView>(incidentPath(incidentId, '/disbursements'), body, idempotencyKey),
  giveBack: (incidentId: string, body: MoneyReturnInput, idempotencyKey: string) =>
    postOnce<MoneyMovementView>(incidentPath(incidentId, '/money-returns'), body, idempotencyKey),
};

/** Where an evidence photo is, for an <img>: a same-origin GET, so the session cookie is enough. */
export function evidenceUrl(needId: string, file: string): string {
  return `/api/v1${needPath(needId, `/evidence/${encodeURIComponent(file)}`)}`;
}

/** The knowledge base: experience, lessons learned, after-action reviews. */
export const lessonApi = {
  /** `q` matches either Chinese script (the server folds both). */
  search: (query: LessonQuery) => get<LessonPage>('/lessons', { ...query }),
  record: (body: LessonInput) => post<Lesson>('/lessons', body),
  edit: (id: string, body: LessonPatch) => patch<Lesson>(`/lessons/${encodeURIComponent(id)}`, body),
  revisions: async (id: string) => (await get<{ items: Revision[] }>(`/lessons/${encodeURIComponent(id)}/revisions`)).items,
};

/** Normal-time programs and activities (常态化项目). */
export const programApi = {
  list: (query: ProgramQuery) => get<ProgramPage>('/programs', { ...query }),
  get: (id: string) => get<Program>(`/programs/${encodeURIComponent(id)}`),
  record: (body: ProgramInput) => post<Program>('/programs', body),
  edit: (id: string, body: ProgramPatch) => patch<Program>(`/programs/${encodeURIComponent(id)}`, body),
  revisions: async (id: string) => (await get<{ items: Revision[] }>(`/programs/${encodeURIComponent(id)}/revisions`)).items,
};

/** Network analytics of an area (and everything below it) over a period: aggregates only. */
export const analyticsApi = {
  /** Placed at the end of the period: the modes take no `from`. */
  cooperationModes: ({ jurisdiction, to }: AnalyticsScope, page: PageQuery & { mode?: CooperationMode } = {}) =>
    get<CooperationModes>('/analytics/cooperation-modes', { jurisdiction, to, ...page }),
  functionCoverage: (scope: AnalyticsScope) => get<FunctionCoverage>('/analytics/function-coverage', { ...scope }),
  /** The unserved needs (coordinators) a page at a time. */
  specialNeeds: (scope: AnalyticsScope, page: PageQuery = {}) =>
    get<SpecialNeedsCoverage>('/analytics/special-needs', { ...scope, ...page }),
  lifecycle: (scope: AnalyticsScope, page: PageQuery = {}) => get<Lifecycle>('/analytics/lifecycle', { ...scope, ...page }),
  /** The whole graph's measures; its best-connected organizations (300 unless `limit`) to draw. */
  collaboration: (scope: AnalyticsScope) => get<Collaboration>('/analytics/collaboration', { ...scope }),
  principles: (scope: AnalyticsScope) => get<Principles>('/analytics/principles', { ...scope }),
  /** Per incident, over its whole course: the area and period do not apply. */
  substitution: (incidentId: string) => get<IncidentSubstitution>('/analytics/substitution', { incidentId }),
  /** The rows a page at a time; the `top` organizations with most activity (100 unless asked). */
  whoWhatWhere: (scope: AnalyticsScope, page: PageQuery & { top?: number } = {}) =>
    get<WhoWhatWhere>('/analytics/who-what-where', { ...scope, ...page }),
  /** Every row as HXL-tagged CSV (README, Exchange formats). */
  whoWhatWhereHxl: (scope: AnalyticsScope) =>
    download('/analytics/who-what-where', { ...scope, format: 'hxl' }, `3w-${scope.jurisdiction}.hxl.csv`),
  /** Imports a partner's HXL-tagged 3W table; answers with a report per row. */
  importHxl: (file: File) =>
    upload<HxlImportReport>(
      '/analytics/who-what-where/import',
      file,
      sheetFormatOf(file.name) === 'xlsx' ? XLSX_TYPE : 'text/csv',
    ),
};

/** The public door: no account needed. */
export const publicApi = {
  incidents: async () => (await get<{ items: PublicIncident[] }>('/public/incidents')).items,
  needs: async (incidentId: string) =>
    (await get<{ items: PublicNeed[] }>(`/public/incidents/${encodeURIComponent(incidentId)}/needs`)).items,
  report: (body: PublicReport, idempotencyKey: string) => postOnce<PublicReportAnswer>('/public/needs', body, idempotencyKey),
  receipt: (code: string) => get<PublicReceipt>(`/public/receipts/${encodeURIComponent(code)}`),
  resolve: (code: string) => post<PublicNeed>(`/public/receipts/${encodeURIComponent(code)}/resolve`),
};

const warehousePath = (id: string, rest = '') => `/warehouses/${encodeURIComponent(id)}${rest}`;

/** Warehouses and collection points (仓库, 收集点), their stock, and the movements that change it. */
export const warehouseApi = {
  list: (query: WarehouseQuery) => get<WarehousePage>('/warehouses', { ...query }),
  /** A page of the warehouses (same filters) as GeoJSON. */
  geojson: (query: WarehouseQuery) => download('/warehouses', { ...query, format: 'geojson' }, 'warehouses.geojson'),
  get: (id: string) => get<WarehouseView>(warehousePath(id)),
  create: (body: WarehouseInput) => post<WarehouseView>('/warehouses', body),
  /** Every item the warehouse has held, with the quantity now. */
  stock: async (id: string) => (await get<{ items: StockLine[] }>(warehousePath(id, '/stock'))).items,
  movements: (id: string, page: PageQuery) => get<MovementPage>(warehousePath(id, '/movements'), page),
  /** Records a movement; the same key on a retry never applies it twice. */
  move: (id: string, body: MovementInput, idempotencyKey: string) =>
    postOnce<RecordedMovement>(warehousePath(id, '/movements'), body, idempotencyKey),
};

const alertPath = (id: string, rest = '') => `/alerts/${encodeURIComponent(id)}${rest}`;

/** Early warnings as CAP 1.2: publish, preview the server's own XML, update, cancel, list, open an incident from one. */
export const alertApi = {
  list: (query: AlertListQuery = {}) => get<AlertList>('/alerts', { ...query, format: undefined }),
  ofIncident: (incidentId: string) => get<AlertList>(incidentPath(incidentId, '/alerts')),
  get: (id: string) => get<AlertView>(alertPath(id)),
  publish: (body: AlertInput) => post<AlertView>('/alerts', body),
  preview: (body: AlertInput) => post<AlertPreview>('/alerts/preview', body),
  update: (id: string, body: AlertChangeInput) => post<AlertView>(alertPath(id, '/update'), body),
  cancel: (id: string, body: AlertChangeInput) => post<AlertView>(alertPath(id, '/cancel'), body),
  openIncident: (id: string) => post<OpenedIncident>(alertPath(id, '/incident'), {}),
  publicAlert: (id: string) => get<PublicAlertView>(`/public/alerts/${encodeURIComponent(id)}`),
  /** The CAP document as served to everyone (application/cap+xml). */
  capUrl: (id: string) => `/api/v1/public/alerts/${encodeURIComponent(id)}?format=cap`,
};

/** An incident's double-entry ledger of money and goods: totals by stage, balances a page at a time, the reconciliation. */
export const ledgerApi = {
  incident: (incidentId: string, query: PageQuery & { accountKind?: string } = {}) =>
    get<IncidentLedger>(incidentPath(incidentId, '/ledger'), query),
};

/** The URL of an incident's live event stream (server-sent events). */
export function incidentEventsUrl(incidentId: string): string {
  return `/api/v1${incidentPath(incidentId, '/events')}`;
}

/** A random id for an Idempotency-Key (crypto.randomUUID needs a secure context; fall back without it). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const webhookPath = (id: string, rest = '') => `/webhooks/${encodeURIComponent(id)}${rest}`;

/** Webhooks (Standard Webhooks): the reader's own, their secrets shown once, and their delivery logs. */
export const webhookApi = {
  list: async () => (await get<{ items: WebhookView[] }>('/webhooks')).items,
  create: (body: WebhookInput) => post<CreatedWebhook>('/webhooks', body),
  enable: (id: string) => post<WebhookView>(webhookPath(id, '/enable')),
  remove: (id: string) => request<void>('DELETE', webhookPath(id)),
  deliveries: (id: string, page: PageQuery) => get<WebhookDeliveryPage>(webhookPath(id, '/deliveries'), page),
};

/** My notification centre and subscriptions (only my own). */
export const notificationApi = {
  list: (page: PageQuery) => get<NotificationPage>('/notifications', page),
  unreadCount: async () => (await get<{ unread: number }>('/notifications/unread-count')).unread,
  read: (id: string) => post<{ unread: number }>(`/notifications/${encodeURIComponent(id)}/read`),
  readAll: () => post<{ marked: number; unread: number }>('/notifications/read-all'),
  subscriptions: async () => (await get<{ items: SubscriptionView[] }>('/subscriptions')).items,
  subscribe: (body: SubscriptionInput) => post<SubscriptionView>('/subscriptions', body),
  unsubscribe: (id: string) => request<void>('DELETE', `/subscriptions/${encodeURIComponent(id)}`),
};

/** Official statements, rumours, bulletins and situation reports (信息发布). */
export const informationApi = {
  statements: async (incidentId: string) =>
    (await get<{ items: StatementView[] }>(incidentPath(incidentId, '/statements'))).items,
  publicStatements: async (incidentId: string) =>
    (await get<{ items: StatementView[] }>(`/public${incidentPath(incidentId, '/statements')}`)).items,
  publicStatement: (id: string) => get<StatementView>(`/public/statements/${encodeURIComponent(id)}`),
  issue: (body: StatementInput) => post<StatementView>('/statements', body),
  rumours: async (incidentId: string) => (await get<{ items: RumourView[] }>(incidentPath(incidentId, '/rumours'))).items,
  recordRumour: (incidentId: string, body: RumourInput) => post<RumourView>(incidentPath(incidentId, '/rumours'), body),
  answerRumour: (id: string, statementId: string) =>
    post<RumourView>(`/rumours/${encodeURIComponent(id)}/answer`, { statementId }),
  bulletins: async (incidentId: string) => (await get<{ items: BulletinView[] }>(incidentPath(incidentId, '/bulletins'))).items,
  publicBulletins: async (incidentId: string) =>
    (await get<{ items: BulletinView[] }>(`/public${incidentPath(incidentId, '/bulletins')}`)).items,
  createBulletin: (body: BulletinInput) => post<BulletinView>('/bulletins', body),
  editBulletin: (id: string, body: BulletinPatch) => patch<BulletinView>(`/bulletins/${encodeURIComponent(id)}`, body),
  publishBulletin: (id: string) => post<BulletinView>(`/bulletins/${encodeURIComponent(id)}/publish`),
  verifyBulletin: (id: string) => post<BulletinView>(`/bulletins/${encodeURIComponent(id)}/verify`),
  situationReport: (incidentId: string, authorOrganizationId: string) =>
    post<BulletinView>(incidentPath(incidentId, '/situation-report'), { authorOrganizationId }),
};

/** The REST calls a bulk console needs: versions, describeGlobal, describe, limits, and paged SOQL. */
import type { Connection } from "../connection";

export interface ApiVersionInfo {
  label: string;
  url: string;
  version: string;
}

export interface DescribeGlobalSObject {
  name: string;
  label: string;
  labelPlural?: string;
  keyPrefix: string | null;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
  [key: string]: unknown;
}

export interface DescribeField {
  name: string;
  label: string;
  type: string;
  length?: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  externalId: boolean;
  idLookup: boolean;
  unique?: boolean;
  referenceTo?: string[];
  relationshipName?: string | null;
  picklistValues?: { active: boolean; value: string; label: string | null; defaultValue: boolean }[];
  [key: string]: unknown;
}

export interface DescribeSObject extends DescribeGlobalSObject {
  fields: DescribeField[];
}

export type OrgLimits = Record<string, { Max: number; Remaining: number; [key: string]: unknown }>;

interface QueryPage<T> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

export class RestApi {
  constructor(private readonly connection: Connection) {}

  private base(): string {
    return `/services/data/v${this.connection.apiVersion}`;
  }

  private async getJson<T>(path: string, auth: "bearer" | "none" = "bearer"): Promise<T> {
    const { text } = await this.connection.requestText({ method: "GET", path, auth, headers: { Accept: "application/json" } });
    return JSON.parse(text) as T;
  }

  /** Versions the instance supports, oldest first (no auth needed). */
  versions(instanceUrl?: string): Promise<ApiVersionInfo[]> {
    const origin = instanceUrl ?? this.connection.instanceUrl;
    return this.getJson<ApiVersionInfo[]>(`${origin}/services/data/`, "none");
  }

  async describeGlobal(): Promise<DescribeGlobalSObject[]> {
    return (await this.getJson<{ sobjects: DescribeGlobalSObject[] }>(`${this.base()}/sobjects`)).sobjects;
  }

  describe(objectName: string): Promise<DescribeSObject> {
    return this.getJson<DescribeSObject>(`${this.base()}/sobjects/${encodeURIComponent(objectName)}/describe`);
  }

  limits(): Promise<OrgLimits> {
    return this.getJson<OrgLimits>(`${this.base()}/limits`);
  }

  /** Every record of a SOQL query, following `nextRecordsUrl` page by page (≤ 2,000 rows each). */
  async *query<T = Record<string, unknown>>(soql: string, options: { all?: boolean } = {}): AsyncGenerator<T> {
    let next: string | undefined = `${this.base()}/${options.all ? "queryAll" : "query"}?q=${encodeURIComponent(soql)}`;
    while (next) {
      const page: QueryPage<T> = await this.getJson<QueryPage<T>>(next);
      for (const record of page.records) yield record;
      next = page.done ? undefined : page.nextRecordsUrl;
    }
  }

  /** The first page's `totalSize`, for counts without reading everything. */
  async queryCount(soql: string): Promise<number> {
    return (await this.getJson<QueryPage<unknown>>(`${this.base()}/query?q=${encodeURIComponent(soql)}`)).totalSize;
  }
}

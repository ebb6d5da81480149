/** Deterministic sample data for a demo org: a few thousand linked records across the standard objects. */
import type pg from "pg";
import { INDUSTRIES, LEAD_SOURCES } from "../objects/account";
import { OPPORTUNITY_STAGES } from "../objects/opportunity";
import { applyDml } from "./dml/apply";
import type { DmlRow, Queryable } from "./types";

/** The org already holds records that clash with the sample data (e.g. a user's own External_Id__c values). */
export class SeedRejectedError extends Error {}

const FIRST = ["Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Radia", "Tim", "Frances", "John", "Sophie", "Edsger", "Katherine", "Donald"];
const LAST = ["Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Perlman", "Berners-Lee", "Allen", "Backus", "Wilson", "Dijkstra", "Johnson", "Knuth"];
const WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay", "Oscorp", "Aperture", "Monarch", "Nakatomi"];
const SUFFIXES = ["Corp", "Inc", "Ltd", "Group", "Holdings", "Labs", "Systems", "Partners"];
const CITIES = ["San Francisco", "New York", "London", "Paris", "Berlin", "Tokyo", "Sydney", "Toronto", "Austin", "Dublin"];

/** mulberry32: small, fast and the same sequence on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(5, "0");

export interface SeedCounts {
  accounts: number;
  contactsPerAccount: number;
  opportunities: number;
  cases: number;
  leads: number;
  invoices: number;
}

export const DEFAULT_SEED_COUNTS: SeedCounts = { accounts: 300, contactsPerAccount: 4, opportunities: 600, cases: 300, leads: 500, invoices: 400 };

/** Sandboxes are usually partial copies: a smaller set keeps the first start fast. */
export const SANDBOX_SEED_COUNTS: SeedCounts = { accounts: 60, contactsPerAccount: 3, opportunities: 100, cases: 50, leads: 100, invoices: 80 };

/** Inserts the sample records inside the caller's open transaction on `client`; returns how many. */
export async function seedRecords(
  pool: pg.Pool,
  client: Queryable,
  orgId: string,
  userId: string,
  now: Date,
  counts = DEFAULT_SEED_COUNTS,
): Promise<number> {
  const rand = random(20_260_101);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const daysAgo = (max: number) => new Date(now.getTime() - Math.floor(rand() * max * 86_400_000)).toISOString();
  const dateIn = (fromDays: number, spanDays: number) =>
    new Date(now.getTime() + (fromDays + Math.floor(rand() * spanDays)) * 86_400_000).toISOString().slice(0, 10);
  let total = 0;
  const insert = async (object: string, rows: DmlRow[]): Promise<string[]> => {
    const request = { operation: "insert" as const, object, rows, format: "json" as const };
    const results = await applyDml(pool, orgId, userId, request, { system: true, now, client });
    const failed = results.find((result) => !result.success);
    if (failed) throw new SeedRejectedError(`Seeding ${object} failed: ${JSON.stringify(failed.errors)}`);
    total += results.length;
    return results.map((result) => result.id!);
  };

  const campaigns = await insert("Campaign", Array.from({ length: 10 }, (_, i) => ({
    Name: `${pick(["Spring", "Summer", "Autumn", "Winter"])} ${pick(["Launch", "Webinar", "Summit", "Promo"])} ${i + 1}`,
    Type: pick(["Conference", "Webinar", "Email", "Advertisement"]),
    Status: pick(["Planned", "In Progress", "Completed"]),
    StartDate: dateIn(-120, 240),
    IsActive: rand() < 0.6,
    BudgetedCost: Math.round(rand() * 50_000),
  })));
  const accounts = await insert("Account", Array.from({ length: counts.accounts }, (_, i) => ({
    Name: `${pick(WORDS)} ${pick(SUFFIXES)} ${i + 1}`,
    External_Id__c: `ACC-${pad(i + 1)}`,
    AccountNumber: `AN${pad(i + 1)}`,
    Type: pick(["Prospect", "Customer - Direct", "Customer - Channel", "Technology Partner"]),
    Industry: pick(INDUSTRIES),
    Rating: pick(["Hot", "Warm", "Cold"]),
    AnnualRevenue: Math.round(rand() * 500) * 100_000,
    NumberOfEmployees: 5 + Math.floor(rand() * 20_000),
    Phone: `+1 415 555 ${String(1000 + i).slice(-4)}`,
    Website: `https://www.example-${i + 1}.com`,
    BillingCity: pick(CITIES),
    CreatedDate: daysAgo(365),
  })));
  const contacts = await insert("Contact", accounts.flatMap((accountId, a) =>
    Array.from({ length: counts.contactsPerAccount }, (_, c) => {
      const n = a * counts.contactsPerAccount + c + 1;
      const first = pick(FIRST);
      const last = pick(LAST);
      return {
        FirstName: first,
        LastName: last,
        AccountId: accountId,
        Email: `${first}.${last}.${n}@example.com`.toLowerCase(),
        External_Id__c: `CON-${pad(n)}`,
        Title: pick(["CEO", "CTO", "VP Sales", "Engineer", "Buyer", "Analyst"]),
        LeadSource: pick(LEAD_SOURCES),
        MailingCity: pick(CITIES),
        CreatedDate: daysAgo(300),
      };
    }),
  ));
  await insert("Opportunity", Array.from({ length: counts.opportunities }, (_, i) => ({
    Name: `Opportunity ${i + 1}`,
    AccountId: accounts[i % accounts.length],
    CampaignId: rand() < 0.3 ? pick(campaigns) : null,
    StageName: pick(OPPORTUNITY_STAGES),
    CloseDate: dateIn(-180, 360),
    Amount: Math.round(rand() * 200_000) + 0.5,
    Probability: Math.floor(rand() * 100),
    CreatedDate: daysAgo(200),
  })));
  await insert("Case", Array.from({ length: counts.cases }, (_, i) => ({
    Subject: `${pick(["Cannot log in", "Export failed", "Invoice question", "Slow page", "Feature idea"])} #${i + 1}`,
    AccountId: accounts[i % accounts.length],
    ContactId: contacts[(i * 3) % contacts.length],
    Status: pick(["New", "Working", "Escalated", "Closed"]),
    Priority: pick(["High", "Medium", "Low"]),
    Origin: pick(["Phone", "Email", "Web"]),
    CreatedDate: daysAgo(90),
  })));
  const leads = await insert("Lead", Array.from({ length: counts.leads }, (_, i) => ({
    FirstName: pick(FIRST),
    LastName: pick(LAST),
    Company: `${pick(WORDS)} ${pick(SUFFIXES)}`,
    Email: `lead${i + 1}@example.org`,
    Status: pick(["Open - Not Contacted", "Working - Contacted", "Closed - Not Converted"]),
    LeadSource: pick(LEAD_SOURCES),
    Industry: pick(INDUSTRIES),
    City: pick(CITIES),
    CreatedDate: daysAgo(60),
  })));
  await insert("Product2", Array.from({ length: 20 }, (_, i) => ({
    Name: `${pick(["Widget", "Gadget", "Sprocket", "License", "Support Plan"])} ${i + 1}`,
    ProductCode: `P-${pad(i + 1)}`,
    ExternalId: `PRD-${pad(i + 1)}`,
    Family: pick(["Hardware", "Software", "Services", "Training"]),
    IsActive: true,
  })));
  await insert("Invoice__c", Array.from({ length: counts.invoices }, (_, i) => ({
    Name: `INV-${pad(i + 1)}`,
    External_Id__c: `INV-${pad(i + 1)}`,
    Account__c: accounts[(i * 7) % accounts.length],
    Amount__c: Math.round(rand() * 1_000_000) / 100,
    Status__c: pick(["Draft", "Sent", "Paid", "Void"]),
    Invoice_Date__c: dateIn(-365, 365),
    CreatedDate: daysAgo(365),
  })));
  await insert("Task", Array.from({ length: 300 }, (_, i) => ({
    Subject: pick(["Call", "Send Letter", "Send Quote", "Other"]),
    Status: pick(["Not Started", "In Progress", "Completed"]),
    Priority: pick(["High", "Normal", "Low"]),
    ActivityDate: dateIn(-30, 60),
    WhoId: i % 2 === 0 ? contacts[i % contacts.length] : leads[i % leads.length],
    WhatId: i % 2 === 0 ? accounts[i % accounts.length] : null,
  })));
  await insert("CampaignMember", Array.from({ length: 200 }, (_, i) => ({
    CampaignId: campaigns[i % campaigns.length],
    ...(i % 2 === 0 ? { ContactId: contacts[i] } : { LeadId: leads[i] }),
    Status: pick(["Sent", "Responded"]),
  })));
  return total;
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the e2e tests use; TEST_DATABASE_URL points elsewhere when needed. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, empty database per test file: tests never see each other's rows. */
export class TestDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
  ) {}

  static async create(): Promise<TestDatabase> {
    const name = `balai_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    await TestDatabase.admin(`create database "${name}"`);
    return new TestDatabase(name, withDatabase(TEST_SERVER_URL, name));
  }

  async drop(): Promise<void> {
    await TestDatabase.admin(`drop database if exists "${this.name}" with (force)`);
  }

  async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query<Row>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  private static async admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: TEST_SERVER_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

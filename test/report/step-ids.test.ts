import { describe, expect, it } from 'vitest';
import { StepIds } from '../../src/report/step-ids.js';
import { parseTimestamp } from '../../src/report/step.js';

describe('StepIds', () => {
  it('numbers ids in order of first sight and gives each one back exactly', () => {
    const ids = ['st_00000001', 'st_1', 'st_01', '42', '042', 'span-7', 'a1b2', 'x'.repeat(3) + '123456789012', '6f1d-4c2a-9e0b', '', 'st_00000001', 'é9', '__proto__'];
    const table = new StepIds();
    const nodes = ids.map((id) => table.node(id));
    // Same string, same number; different strings (leading zeros included), different numbers.
    expect(nodes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 10, 11]);
    expect(table.size).toBe(12);
    for (const [k, id] of ids.entries()) expect(table.name(nodes[k]!)).toBe(id);
    for (const id of ids) expect(table.find(id)).toBe(table.node(id));
    expect(table.find('st_2')).toBeUndefined();
    expect(table.find('never_1')).toBeUndefined();
    expect(table.size).toBe(12);
  });

  it('keeps every id through the table growing, with many prefixes', () => {
    const table = new StepIds();
    const ids: string[] = [];
    for (let i = 0; i < 200_000; i++) ids.push(i % 5 === 0 ? `run${i % 97}_${i}` : `st_${String(i).padStart(8, '0')}`);
    const order = ids.map((_, k) => k);
    expect(ids.map((id) => table.node(id))).toEqual(order);
    expect(ids.map((id) => table.find(id))).toEqual(order);
    expect(order.map((k) => table.name(k))).toEqual(ids);
  });

  it('keeps dense counters and sparse counters (hashed once blocks would be mostly empty) apart and exact', () => {
    const table = new StepIds();
    const ids: string[] = [];
    for (let i = 0; i < 100_000; i++) ids.push(`st_${i}`);
    // Far apart: after a few blocks these no longer get blocks of their own and are hashed.
    for (let k = 1; k <= 50_000; k++) ids.push(`st_${k * 1_000_003}`);
    // Dense again but in blocks never made (hashed), and ids inside the first blocks (direct).
    for (let i = 100_000; i < 200_000; i++) ids.push(`st_${i}`);
    ids.push('st_0099999', 'st_99999x', 'x_5');
    const order = ids.map((_, k) => k);
    expect(ids.map((id) => table.node(id))).toEqual(order);
    expect(table.size).toBe(ids.length);
    expect(ids.map((id) => table.node(id))).toEqual(order);
    expect(ids.map((id) => table.find(id))).toEqual(order);
    expect(order.map((k) => table.name(k))).toEqual(ids);
    expect(table.find('st_200000')).toBeUndefined();
    expect(table.find(`st_${3 * 1_000_003 + 1}`)).toBeUndefined();
    expect(table.find('st_100')).toBe(100);
    expect(table.size).toBe(ids.length);
  });

  it('falls back to plain strings past the prefix limit without mixing ids up', () => {
    const table = new StepIds();
    const ids = Array.from({ length: 3000 }, (_, i) => `p${i}x_1`);
    expect(ids.map((id) => table.node(id))).toEqual(ids.map((_, k) => k));
    expect(ids.map((id) => table.name(table.find(id)!))).toEqual(ids);
  });
});

describe('parseTimestamp', () => {
  it('reads canonical ISO times exactly as Date.parse does, and rejects what it rejects', () => {
    const cases = [
      '2026-10-03T12:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '2000-02-29T00:00:00.001Z',
      '2100-03-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ];
    for (const value of cases) expect(parseTimestamp(value, 'ts')).toBe(Date.parse(value));
    // Valid dates outside the years attrib reads (1970-9999) are out of range, not misread.
    for (const value of ['0100-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z']) expect(() => parseTimestamp(value, 'ts')).toThrow(/out of range/);
    for (let ms = 0; ms < 4e12; ms += 7_777_777_777) expect(parseTimestamp(new Date(ms).toISOString(), 'ts')).toBe(ms);
    // Out-of-range fields are not rolled over into the next day or month.
    for (const value of ['2026-02-30T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-10-03T25:00:00.000Z', '2026-10-03T12:60:00.000Z']) {
      const expected = Date.parse(value);
      if (Number.isNaN(expected)) expect(() => parseTimestamp(value, 'ts')).toThrow(/not a timestamp/);
      else expect(parseTimestamp(value, 'ts')).toBe(expected);
    }
  });
});

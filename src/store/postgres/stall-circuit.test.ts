import { describe, expect, it, vi } from 'vitest';
import { PostgresUnavailableError, stallCircuit } from './stall-circuit.js';

const readTimeout = () => new Error('Query read timeout');
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

/** A probe the test answers by hand, one call at a time. */
function manualProbe() {
  const calls: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const probe = vi.fn(() => new Promise<void>((resolve, reject) => calls.push({ resolve, reject })));
  return { probe, calls };
}

const client = () => ({ release: vi.fn() });

describe('stall circuit', () => {
  it('passes checkouts through while nothing has stalled', async () => {
    const circuit = stallCircuit(async () => {});
    const c = client();
    await expect(circuit.checkout(async () => c)).resolves.toBe(c);
    expect(c.release).not.toHaveBeenCalled();
  });

  it('after a stall, checkouts fail at once without connecting, until a probe is answered', async () => {
    const { probe, calls } = manualProbe();
    const circuit = stallCircuit(probe, 0);
    circuit.observe(readTimeout());
    const connect = vi.fn(async () => client());
    await expect(circuit.checkout(connect)).rejects.toBeInstanceOf(PostgresUnavailableError);
    expect(connect).not.toHaveBeenCalled();
    expect(probe).toHaveBeenCalledTimes(1);

    calls[0]!.reject(new Error('Connection terminated due to connection timeout'));
    await vi.waitFor(() => expect(probe).toHaveBeenCalledTimes(2));
    await expect(circuit.checkout(connect)).rejects.toBeInstanceOf(PostgresUnavailableError);

    calls[1]!.resolve();
    await vi.waitFor(() => expect(circuit.checkout(connect)).resolves.toBeDefined());
    expect(probe).toHaveBeenCalledTimes(2);
  });

  it('a checkout still waiting when the circuit opens fails then; its late connection goes back', async () => {
    const circuit = stallCircuit(() => new Promise(() => {}));
    let connected: (c: ReturnType<typeof client>) => void = () => {};
    const waiting = circuit.checkout(() => new Promise<ReturnType<typeof client>>((resolve) => (connected = resolve)));
    circuit.observe(readTimeout());
    await expect(waiting).rejects.toBeInstanceOf(PostgresUnavailableError);
    const late = client();
    connected(late);
    await vi.waitFor(() => expect(late.release).toHaveBeenCalledOnce());
  });

  it('a connection that cannot open trips it, and that checkout keeps its own error', async () => {
    const circuit = stallCircuit(() => new Promise(() => {}));
    const refused = withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED');
    await expect(circuit.checkout(() => Promise.reject(refused))).rejects.toBe(refused);
    await expect(circuit.checkout(async () => client())).rejects.toBeInstanceOf(PostgresUnavailableError);
  });

  it('one connection dying on a running server does not trip it', async () => {
    const probe = vi.fn(async () => {});
    const circuit = stallCircuit(probe);
    circuit.observe(withCode('terminating connection due to administrator command', '57P01'));
    circuit.observe(new Error('Connection terminated unexpectedly'));
    circuit.observe(withCode('read ECONNRESET', 'ECONNRESET'));
    circuit.observe(new Error('timeout exceeded when trying to connect'));
    expect(probe).not.toHaveBeenCalled();
    await expect(circuit.checkout(async () => client())).resolves.toBeDefined();
  });

  it('a connection that times out opening trips it', async () => {
    const circuit = stallCircuit(() => new Promise(() => {}));
    circuit.observe(new Error('Connection terminated due to connection timeout'));
    await expect(circuit.checkout(async () => client())).rejects.toBeInstanceOf(PostgresUnavailableError);
  });

  it('answers of the server itself do not trip it', async () => {
    const probe = vi.fn(async () => {});
    const circuit = stallCircuit(probe);
    circuit.observe(withCode('canceling statement due to statement timeout', '57014'));
    circuit.observe(withCode('canceling statement due to lock timeout', '55P03'));
    circuit.observe(withCode('duplicate key value violates unique constraint', '23505'));
    circuit.observe(withCode('could not serialize access', '40001'));
    circuit.observe(Symbol('rollback'));
    expect(probe).not.toHaveBeenCalled();
    await expect(circuit.checkout(async () => client())).resolves.toBeDefined();
  });

  it('stops probing once stopped', async () => {
    const { probe, calls } = manualProbe();
    const circuit = stallCircuit(probe, 0);
    circuit.observe(readTimeout());
    circuit.stop();
    calls[0]!.reject(new Error('still stalled'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(probe).toHaveBeenCalledTimes(1);
  });
});

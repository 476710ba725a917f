/** A background pass run on a beat (`corespond serve`'s workers): a pass never overlaps the previous one, and stopping waits for the one running. */
export function repeatEvery(
  intervalMs: number,
  pass: () => Promise<unknown>,
  onError: (error: unknown) => void = () => {},
): { stop: () => Promise<void> } {
  let busy = false;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    current = pass()
      .then(() => undefined, onError)
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}

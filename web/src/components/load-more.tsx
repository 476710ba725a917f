/** A list that pages with a cursor: read a page at a time, with the "load more" button under it. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Flex } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** One page of a list, and the cursor of the next (null after the last). */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The pages of a list read so far, one after the other; `query` pages on (and holds each
 * page as the server answered it).
 */
export function usePagedList<T, P extends ListPage<T> = ListPage<T>>({
  queryKey,
  fetchPage,
  first,
  staleTime,
}: {
  /** Names the list, with everything it depends on (its filters). */
  queryKey: readonly unknown[];
  fetchPage: (cursor: string | undefined) => Promise<P>;
  /** The first page when it is already at hand; else the list asks for it. */
  first?: P;
  staleTime?: number;
}) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: first ? { pages: [first], pageParams: [undefined] } : undefined,
    staleTime,
  });
  const items = useMemo((): T[] => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  return { items, query };
}

export function LoadMore({ pager }: { pager: Pager }) {
  const { t } = useTranslation();
  if (!pager.hasNextPage) return null;
  return (
    <Flex justify="center" className="load-more">
      <Button onClick={() => void pager.fetchNextPage()} loading={pager.isFetchingNextPage}>
        {t('common.loadMore')}
      </Button>
    </Flex>
  );
}

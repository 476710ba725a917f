/**
 * A long list behind an analytic (a province's organizations, its unserved needs, its 3W rows),
 * a page at a time: the first page is the one the card already has, the next ones come on
 * "load more" with the cursor of the page before.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Flex, Table, type TableProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadMore, type Pager } from '../../components/load-more';

export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

interface PagedList<T> {
  /** The pages so far, one after the other. */
  items: T[];
  query: Pager & { isPending: boolean };
}

interface Options<T> {
  /** Names the list, with everything it depends on (area, period, filter). */
  queryKey: readonly unknown[];
  /** The first page when the card's answer holds it; else the list asks for it itself. */
  first?: ListPage<T>;
  fetchPage: (cursor: string | undefined) => Promise<ListPage<T>>;
}

export function usePagedList<T>({ queryKey, first, fetchPage }: Options<T>): PagedList<T> {
  const query = useInfiniteQuery({
    queryKey: ['analytics', 'list', ...queryKey],
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: first ? { pages: [first], pageParams: [undefined] } : undefined,
    // The first page is as fresh as the card's answer; the next ones are read from the same figure.
    staleTime: Number.POSITIVE_INFINITY,
  });
  return { items: query.data?.pages.flatMap((page) => page.items) ?? [], query };
}

/** "N of total" under a list, and the button for the next page while there is one. */
export function ListFooter({ shown, total, pager, testId }: { shown: number; total: number; pager: Pager; testId: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical align="center" gap={4} className="analytics-list-footer">
      <Typography.Text type="secondary" className="small" data-testid={testId} aria-live="polite">
        {t('analytics.shownOf', { shown, total })}
      </Typography.Text>
      <LoadMore pager={pager} />
    </Flex>
  );
}

/**
 * A small table of the pages loaded so far (ten rows a screen unless told), with "N of total"
 * and "load more" under it. Its rows are the list's, perhaps sorted or keyed; its own props win.
 */
export function PagedTable<T extends object>({
  list,
  total,
  shownTestId,
  pageSize = 10,
  ...table
}: TableProps<T> & { list: PagedList<unknown>; total: number; shownTestId: string; pageSize?: number }) {
  return (
    <>
      <Table<T>
        size="small"
        loading={list.query.isPending}
        pagination={{ pageSize, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
        {...table}
      />
      <ListFooter shown={list.items.length} total={total} pager={list.query} testId={shownTestId} />
    </>
  );
}

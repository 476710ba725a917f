/**
 * A long list behind an analytic (a province's organizations, its unserved needs, its 3W rows),
 * a page at a time: the first page is the one the card's answer holds (a new answer starts the
 * list again), the next ones come on "load more" with the cursor of the page before. While the
 * card shows the last scope's answer, dimmed as this one loads, the list shows that answer's
 * rows as they are and asks for nothing.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Flex, Table, type TableProps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type ListPage, LoadMore, type Pager, usePagedList } from '../../components/load-more';

export interface PagedList<T> {
  /** The pages so far, one after the other. */
  items: T[];
  query: Pager & { isPending: boolean };
}

/** What a list needs of the card's answer: whether it is the last scope's, and when it came. */
export type Answer = Pick<UseQueryResult, 'isPlaceholderData' | 'dataUpdatedAt'>;

interface Options<T> {
  answer: Answer;
  /** Names the list, with everything it depends on (area, period, filter). */
  queryKey: readonly unknown[];
  /** The first page when the card's answer holds it; else the list asks for it itself. */
  first?: ListPage<T>;
  fetchPage: (cursor: string | undefined) => Promise<ListPage<T>>;
  children: (list: PagedList<T>) => ReactNode;
}

function AnswerList<T>({ answer, queryKey, first, fetchPage, children }: Options<T>) {
  const list = usePagedList<T>({
    // A new answer (another scope, or this one asked again) starts the list again from its first page.
    queryKey: ['analytics', 'list', ...queryKey, answer.dataUpdatedAt],
    first,
    fetchPage,
    // The first page is as fresh as the card's answer; the next ones are read from the same figure.
    staleTime: Number.POSITIVE_INFINITY,
  });
  return children(list);
}

/**
 * The list of the card's answer, given to `children` a page at a time; while the answer is the
 * last scope's, its `rows` (the first page's unless given) as they are, without paging.
 */
export function PagedRows<T>({ rows, ...options }: Options<T> & { rows?: T[] }) {
  if (!options.answer.isPlaceholderData) return <AnswerList<T> {...options} />;
  return options.children({
    items: rows ?? options.first?.items ?? [],
    query: { isPending: false, hasNextPage: false, isFetchingNextPage: false, fetchNextPage: async () => undefined },
  });
}

/** "N of total" under a list, and the button for the next page while there is one. */
function ListFooter({ shown, total, pager, testId }: { shown: number; total: number; pager: Pager; testId: string }) {
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

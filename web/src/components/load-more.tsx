/** The "load more" button under a list that pages with a cursor. */
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

export interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
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

/**
 * The answer "these goods are not needed now" (422 not_needed) in words: why (no open need asks
 * for them, or the coordinators said why not) and what is needed instead, each item a button
 * that offers it instead when `onPick` is given.
 */
import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeededItem, whyNotNeeded } from '../../../src/model/offer';
import { ApiError } from '../api';
import type { NeededNow } from '../types';
import { useItemWords, useQuantityText } from './item-words';

/** Why goods were refused: the model's own reasons. */
export type NotNeededReason = NonNullable<ReturnType<typeof whyNotNeeded>>['reason'];

export interface NotNeededProblem {
  reason: NotNeededReason;
  /** The open quantities per item at the time of the answer. */
  needed: NeededItem[];
}

const isNeededItem = (value: unknown): value is NeededItem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as NeededItem).item === 'string' &&
  typeof (value as NeededItem).quantity === 'number';

/** The not_needed problem an offer was refused with, or null for any other failure. */
export function notNeededOf(error: unknown): NotNeededProblem | null {
  if (!(error instanceof ApiError) || error.code !== 'not_needed') return null;
  const { reason, needed } = error.members;
  return {
    reason: reason === 'marked_not_needed' ? 'marked_not_needed' : 'no_open_need',
    needed: Array.isArray(needed) ? needed.filter(isNeededItem) : [],
  };
}

export function NotNeededAlert({
  item,
  problem,
  notNeeded,
  onPick,
  children,
}: {
  item: string;
  problem: NotNeededProblem;
  /** The not-needed list, for the coordinators' reason. */
  notNeeded: NeededNow['notNeeded'] | undefined;
  onPick?: (item: string) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const words = useItemWords();
  const quantity = useQuantityText();
  const reason = notNeeded?.find((n) => n.item === item)?.reason;
  const name = words(item).name;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      className="not-needed-alert"
      data-testid="not-needed-alert"
      title={t('offer.notNeeded.title', { item: name })}
      description={
        <div>
          <p className="not-needed-why">
            {problem.reason === 'marked_not_needed'
              ? reason
                ? t('offer.notNeeded.marked', { reason })
                : t('offer.notNeeded.markedNoReason')
              : t('offer.notNeeded.noOpenNeed', { item: name })}
          </p>
          {problem.needed.length > 0 ? (
            <>
              <div className="strong">{t('offer.notNeeded.neededNow')}</div>
              <ul className="not-needed-instead" data-testid="not-needed-instead">
                {problem.needed.map((n) => (
                  <li key={n.item}>
                    <span>
                      {words(n.item).name} · {t('offer.stillNeeded', { quantity: quantity(n.quantity, n.item) })}
                    </span>
                    {onPick ? (
                      <Button size="small" type="link" onClick={() => onPick(n.item)}>
                        {t('offer.notNeeded.pick')}
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('offer.notNeeded.nothingNeeded')}</p>
          )}
          {children}
        </div>
      }
    />
  );
}

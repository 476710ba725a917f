import { useQuery } from '@tanstack/react-query';
import { Tag, Typography } from 'antd';
import { jurisdictionApi } from '../api';

/** Looks a division's name up by its code (cached for the session). */
export function useJurisdictionName(code: string | null | undefined, known?: string): string | undefined {
  const { data } = useQuery({
    queryKey: ['jurisdiction', code],
    queryFn: () => jurisdictionApi.get(code ?? ''),
    enabled: Boolean(code) && !known,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return known ?? data?.name;
}

/** A division's name with its code beside it. */
export function JurisdictionName({ code, name }: { code: string | null | undefined; name?: string }) {
  const resolved = useJurisdictionName(code, name);
  if (!code) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span title={code}>
      {resolved ?? code}{' '}
      <Typography.Text type="secondary" className="code-text">
        {code}
      </Typography.Text>
    </span>
  );
}

/** A division as a tag, optionally removable. */
export function JurisdictionTag({
  code,
  name,
  onClose,
  closeLabel,
  mark,
}: {
  code: string;
  name?: string;
  onClose?: () => void;
  closeLabel?: string;
  /** A short word shown before the name (e.g. 属地). */
  mark?: string;
}) {
  const resolved = useJurisdictionName(code, name);
  return (
    <Tag
      title={code}
      closable={onClose ? { 'aria-label': closeLabel } : false}
      onClose={(event) => {
        event.preventDefault();
        onClose?.();
      }}
      className={mark ? 'jurisdiction-tag jurisdiction-tag-marked' : 'jurisdiction-tag'}
    >
      {mark ? <span className="jurisdiction-mark">{mark}</span> : null}
      {resolved ?? code}
    </Tag>
  );
}

/**
 * The board's command tab: for those who command the incident, changing its level, warning
 * colour, affected areas and policy (each with a reason); for everyone, the coordination
 * centre and the standby roster.
 */
import { AimOutlined, AlertOutlined, EnvironmentOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../types';
import { CentreCard } from './centre-card';
import { CommandChangeModal, type CommandKind } from './command-change-modal';
import type { LiveMode } from './live-updates';
import { StandbyCard } from './standby-card';

const ACTIONS: { kind: CommandKind; icon: ReactNode }[] = [
  { kind: 'level', icon: <AlertOutlined /> },
  { kind: 'warning_color', icon: <AimOutlined /> },
  { kind: 'jurisdictions', icon: <EnvironmentOutlined /> },
  { kind: 'policy', icon: <SafetyOutlined /> },
];

export function CommandPanel({ incident, live }: { incident: IncidentDetail; live: LiveMode }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CommandKind | null>(null);
  return (
    <div className="command-panel" data-testid="command-panel">
      {incident.viewerCanManage ? (
        <Card className="section-card" size="small" title={t('command.changeTitle')}>
          <p className="muted small">{t('command.changeHint')}</p>
          <Space wrap>
            {ACTIONS.map((action) => (
              <Button
                key={action.kind}
                icon={action.icon}
                onClick={() => setKind(action.kind)}
                data-testid={`command-${action.kind}`}
              >
                {t(`command.action.${action.kind}`)}
              </Button>
            ))}
          </Space>
        </Card>
      ) : null}
      <Row gutter={[16, 16]} className="command-cards">
        <Col xs={24} xl={14}>
          <CentreCard incidentId={incident.id} live={live} />
        </Col>
        <Col xs={24} xl={10}>
          <StandbyCard incidentId={incident.id} live={live} />
        </Col>
      </Row>
      <CommandChangeModal incident={incident} kind={kind} onClose={() => setKind(null)} />
    </div>
  );
}

// Placeholder until this view is built; the route and its messages are registered.
import { StatePanel } from '../../components/state-panel';

export default function Page() {
  return <StatePanel tone="info" title="funnel" />;
}

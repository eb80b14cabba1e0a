// Calls a pve-api node through the third-party npm client `proxmox-api` (the way its users do) and prints one JSON
// object: for every read path, {"ok": true, "data": ...} or {"ok": false, "error": "..."}. The C# lab test
// (ProxmoxApiClientLabTests) judges the answers. The client accepts only Proxmox's exact content type
// `application/json;charset=UTF-8`, so a server that sends anything else fails every call here.
//
// Usage: NODE_EXTRA_CA_CERTS=<cluster CA pem> PVE_PASSWORD=... [PVE_PORT=8006] node check.mjs <host> <node name> [<peer node>]
// A peer node's paths are asked on <host>, which forwards them to that node.
import proxmoxApi from 'proxmox-api';

const [host, node, peer] = process.argv.slice(2);
const password = process.env.PVE_PASSWORD;
if (!host || !node || !password) {
  console.error('usage: PVE_PASSWORD=... node check.mjs <host> <node name>');
  process.exit(2);
}

const port = process.env.PVE_PORT ? Number(process.env.PVE_PORT) : undefined;
const pve = proxmoxApi({ host, port, password, username: 'root@pam', authTimeout: 20000, queryTimeout: 30000 });
const calls = {
  '/version': () => pve.version.$get(),
  '/access/domains': () => pve.access.domains.$get(),
  '/nodes': () => pve.nodes.$get(),
  [`/nodes/${node}/status`]: () => pve.nodes.$(node).status.$get(),
  [`/nodes/${node}/network`]: () => pve.nodes.$(node).network.$get(),
  [`/nodes/${node}/tasks`]: () => pve.nodes.$(node).tasks.$get({ source: 'all' }),
  [`/nodes/${node}/corosync/links`]: () => pve.nodes.$(node).corosync.links.$get(),
  [`/nodes/${node}/corosync/quorum`]: () => pve.nodes.$(node).corosync.quorum.$get(),
  '/cluster/resources': () => pve.cluster.resources.$get(),
  '/cluster/resources?type=node': () => pve.cluster.resources.$get({ type: 'node' }),
  '/cluster/log': () => pve.cluster.log.$get({ max: 20 }),
  '/cluster/tasks': () => pve.cluster.tasks.$get(),
  '/cluster/status': () => pve.cluster.status.$get(),
  '/cluster/config/nodes': () => pve.cluster.config.nodes.$get(),
  '/cluster/config/join': () => pve.cluster.config.join.$get(),
  '/cluster/config/qdevice': () => pve.cluster.config.qdevice.$get(),
};
if (peer) {
  calls[`/nodes/${peer}/corosync/links`] = () => pve.nodes.$(peer).corosync.links.$get();
  calls[`/nodes/${peer}/corosync/quorum`] = () => pve.nodes.$(peer).corosync.quorum.$get();
}

const results = {};
for (const [path, call] of Object.entries(calls)) {
  try {
    results[path] = { ok: true, data: await call() };
  } catch (e) {
    const cause = e.cause ? ` (cause: ${e.cause.message ?? e.cause})` : '';
    results[path] = { ok: false, error: `${e.message}${cause}` };
  }
}
console.log(JSON.stringify(results));

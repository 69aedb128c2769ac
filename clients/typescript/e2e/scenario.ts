// One full scenario through the generated TypeScript client against a running service. The test
// that runs it (tests/Clients.EndToEndTests) passes the service's address and two tokens:
//   WORKFLOWS_API_URL, WORKFLOWS_ALICE_TOKEN, WORKFLOWS_BOB_TOKEN, WORKFLOWS_BOB_OBJECT_ID.
// Each step prints "step <name>" once it has checked what it expects; the first failure ends the
// run with exit code 1.
import {
    ApiException, AuditLogClient, MembersClient, WorkflowsClient, TasksClient, TemplatesClient, WorkspacesClient,
    problemOf, withBearerToken,
} from "../src";
import type { PageOfTemplateSummaryResponse, TemplateSummaryResponse } from "../src";

const url = required("WORKFLOWS_API_URL");
const alice = withBearerToken(() => required("WORKFLOWS_ALICE_TOKEN"));
const bob = withBearerToken(() => required("WORKFLOWS_BOB_TOKEN"));
const run = Date.now().toString(36);

const workspaces = new WorkspacesClient(url, alice);
const members = new MembersClient(url, alice);
const workflows = new WorkflowsClient(url, alice);
const tasks = new TasksClient(url, alice);
const templates = new TemplatesClient(url, alice);
const auditLog = new AuditLogClient(url, alice);

async function main(): Promise<void> {
    const workspace = (await workspaces.create({ name: `TypeScript ${run}` })).result;
    check(workspace.role === "admin", `the creator is the workspace's admin, got ${workspace.role}`);
    const ws = workspace.uuid;
    // Without a base URL a client calls the page's own origin: a path, never a host-less "//…".
    const called: string[] = [];
    await new WorkspacesClient(undefined, {
        fetch: (input: RequestInfo) => { called.push(String(input)); return Promise.resolve(new Response("[]", { status: 200, headers: { "Content-Type": "application/json" } })); },
    }).list().catch(() => undefined);
    check(called.length === 1 && called[0].startsWith("/api/v2/"), `a client without a base URL calls "/api/v2/…", got ${called[0]}`);
    step("create a workspace");

    const bobMember = (await members.add(ws, {
        kind: "person", displayName: "Bob", objectId: required("WORKFLOWS_BOB_OBJECT_ID"), role: "member",
    })).result;
    const agent = (await members.add(ws, { kind: "agent", displayName: "Triage bot", role: "member" })).result;
    check(bobMember.kind === "person" && bobMember.role === "member", "Bob is a person with the role member");
    check(agent.kind === "agent" && agent.objectId === null, "the agent has no object id");
    step("add members");

    let workflow = (await workflows.create(ws, { name: "Refund request", description: "Refunds under 500 EUR", agentId: agent.id })).result;
    const refund = (await tasks.create(ws, String(workflow.id), { name: "Issue refund" })).result;
    const verify = (await tasks.create(ws, String(workflow.id), { name: "Verify purchase", nextTaskIds: [refund.id] })).result;
    workflow = (await workflows.update(ws, String(workflow.id), { startTaskId: verify.id })).result;
    check(workflow.startTaskId === verify.id, "the start task is set");
    check(workflow.tasks.length === 2, `the workflow has 2 tasks, got ${workflow.tasks.length}`);
    step("create a workflow with tasks");

    const byId = (await workflows.get(ws, String(workflow.id))).result;
    const byUuid = (await workflows.get(ws, workflow.uuid)).result;
    check(byId.id === workflow.id && byUuid.id === workflow.id, "get by id and by uuid answer the same workflow");
    check(byUuid.tasks.map(t => t.name).sort().join() === "Issue refund,Verify purchase", "with its tasks");
    const asBob = (await new WorkflowsClient(url, bob).get(ws, String(workflow.id))).result;
    check(asBob.permissions.use && !asBob.permissions.edit, "Bob, a member, may use the workflow but not edit it");
    step("get it by id and uuid");

    const updated = (await workflows.update(ws, workflow.uuid, { name: "Refund request (v2)" })).result;
    check(updated.name === "Refund request (v2)", "the name changed");
    check(updated.description === "Refunds under 500 EUR" && updated.agentId === agent.id && updated.startTaskId === verify.id,
        "fields left out stay as they were");
    step("update it");

    const cleared = (await workflows.update(ws, workflow.uuid, { description: null })).result;
    const reread = (await workflows.get(ws, workflow.uuid)).result;
    check(cleared.description === null && reread.description === null, "description sent as null is cleared");
    check(reread.name === "Refund request (v2)" && reread.agentId === agent.id, "fields left out stay as they were");
    step("clear a field");

    // The ETag round trip: GET, PUT with its ETag as If-Match (200, a new ETag); the old ETag is then
    // stale (412 with the problem), and If-None-Match with the current one is a 304.
    const current = await workflows.get(ws, workflow.uuid);
    const etag = current.headers["etag"] as string | undefined;
    check(etag !== undefined && /^".+"$/.test(etag), `a GET carries the ETag, got ${etag}`);
    const described = await workflows.update(ws, workflow.uuid, { description: "Refunds under 500 EUR" }, etag);
    check(described.status === 200 && described.result.description === "Refunds under 500 EUR", "a PUT with the current ETag as If-Match is taken");
    check(described.headers["etag"] !== undefined && described.headers["etag"] !== etag, "and answers the new ETag");
    const stale = await failure(() => workflows.update(ws, workflow.uuid, { description: null }, etag));
    check(stale?.status === 412 && stale.code === "precondition_failed", `a stale If-Match is a 412 precondition_failed, got ${describe(stale)}`);
    const notModified = await workflows.get(ws, workflow.uuid, described.headers["etag"]).then(() => undefined, (error: unknown) => error);
    check(notModified instanceof ApiException && notModified.status === 304, `If-None-Match with the current ETag is a 304, got ${String(notModified)}`);
    check((await workflows.get(ws, workflow.uuid)).result.description === "Refunds under 500 EUR", "the stale write changed nothing");
    step("ETag round trip");

    const copy = (await workflows.clone(ws, String(workflow.id), { name: "Refund request (EU)" })).result;
    check(copy.id !== workflow.id && copy.tasks.length === 2, "the clone is a new workflow with copies of the 2 tasks");
    check(copy.tasks.some(t => t.id === copy.startTaskId && t.name === "Verify purchase"), "its start task is the copy of the start task");
    step("clone it");

    const conflict = await failure(() => workflows.clone(ws, String(workflow.id), { name: "Refund request (EU)" }));
    check(conflict?.status === 409 && conflict.code === "workflow_name_conflict", `a duplicate clone name is a 409 workflow_name_conflict, got ${describe(conflict)}`);
    check(typeof conflict?.traceId === "string" && conflict.traceId.length > 0, "the problem carries a traceId");
    step("409 on a duplicate clone name");

    const saved = (await workflows.saveAsTemplate(ws, String(workflow.id), { name: "Refunds (template)" })).result;
    check(saved.tasks.length === 2, `the template has the workflow's 2 tasks, got ${saved.tasks.length}`);
    const listed: TemplateSummaryResponse[] = [];
    let cursor: string | null = null;
    do {
        const page: PageOfTemplateSummaryResponse = (await templates.list(ws, 2, cursor ?? undefined)).result;
        check(page.items.length >= 1 && page.items.length <= 2, `a page holds 1 or 2 templates, got ${page.items.length}`);
        listed.push(...page.items);
        cursor = page.nextCursor;
    } while (cursor !== null);
    const last = listed[listed.length - 1];
    check(new Set(listed.map(t => t.uuid)).size === listed.length, "each template is listed once");
    check(last?.uuid === saved.uuid && last.source === "workspace" && last.taskCount === 2, `the saved template comes last: ${JSON.stringify(last)}`);
    check(listed.slice(0, -1).every(t => t.source === "builtin" && t.createdAt === null), "after the built-in ones");
    const badLimit = await failure(() => templates.list(ws, 201));
    check(badLimit?.status === 400, `limit=201 is a 400, got ${describe(badLimit)}`);
    step("save as a template and page through the templates");

    const preview = (await workflows.getDeletionPreview(ws, String(workflow.id))).result;
    check(preview.taskCount === 2 && preview.tasks.length === 2 && !preview.hasAssignments, "the preview lists the 2 tasks and no assignment");
    step("preview the deletion");

    check((await workflows.archive(ws, String(workflow.id))).result.status === "success", "archive answers success");
    step("archive");

    const active = names((await workflows.list(ws)).result);
    const archived = names((await workflows.list(ws, true)).result);
    check(!active.includes("Refund request (v2)") && active.includes("Refund request (EU)"), `the default list hides the archived workflow: ${active}`);
    check(archived.join() === "Refund request (v2)", `archived=true lists only the archived workflow: ${archived}`);
    step("list with and without archived");

    check((await workflows.unarchive(ws, String(workflow.id))).result.status === "success", "unarchive answers success");
    check(names((await workflows.list(ws)).result).includes("Refund request (v2)"), "the unarchived workflow is listed again");
    step("unarchive");

    const promptBefore = (await workflows.get(ws, String(workflow.id))).result.prompt;
    await workflows.update(ws, String(workflow.id), { prompt: "Refund anything." });
    const versions = (await workflows.listVersions(ws, String(workflow.id), 2)).result;
    const newest = versions.items[0];
    check(newest.change === "updated" && newest.summary === "Prompt changed", `the newest version is the prompt's change: ${JSON.stringify(newest)}`);
    const diff = (await workflows.getVersionDiff(ws, String(workflow.id), newest.version)).result;
    check(diff.some(op => op.op === "replace" && op.path === "/prompt" && op.value === "Refund anything."), `the diff replaces the prompt: ${JSON.stringify(diff)}`);
    const restored = (await workflows.restoreVersion(ws, String(workflow.id), versions.items[1].version)).result;
    check(restored.prompt === promptBefore && restored.tasks.length === 2, "the restore puts the prompt back and keeps the tasks");
    check((await workflows.listVersions(ws, String(workflow.id), 1)).result.items[0].change === "restored", "the restore is the newest version");
    step("history: change a prompt, list versions, diff, restore");

    const hasTasks = await failure(() => workflows.delete(ws, String(workflow.id)));
    check(hasTasks?.status === 400 && hasTasks.code === "workflow_has_tasks", `a delete without cascade is a 400 workflow_has_tasks, got ${describe(hasTasks)}`);
    step("400 on a delete without cascade");

    const deleted = (await workflows.delete(ws, String(workflow.id), true)).result;
    check(deleted.status === "success" && deleted.deletedTaskCount === 2, `cascade deletes the 2 tasks: ${JSON.stringify(deleted)}`);
    const gone = await failure(() => workflows.get(ws, String(workflow.id)));
    check(gone?.status === 404, `the deleted workflow is gone, got ${describe(gone)}`);
    step("delete with cascade");

    const history = (await auditLog.list(ws, undefined, undefined, "workflow", workflow.id)).result;
    const actions = history.items.map(e => e.action);
    check(actions[0] === "workflow.created" && actions[actions.length - 1] === "workflow.deleted", `the log has the workflow's life: ${actions.join(", ")}`);
    check(actions.includes("workflow.updated") && actions.includes("workflow.restored"), `the log has the prompt's change and its restore: ${actions.join(", ")}`);
    check(history.items[history.items.length - 1].details?.deletedTaskCount === 2, "the delete's entry counts its tasks");
    check(history.nextCursor !== null && history.nextCursor !== undefined, "the last page names where the feed goes on");
    const since = (await auditLog.list(ws, undefined, undefined, "workflow", workflow.id, undefined, undefined, undefined, history.nextCursor)).result;
    check(since.items.length === 0, `nothing since, got ${since.items.length}`);
    step("read the audit log");

    const key = `${run}-chargeback`;
    const first = await workflows.create(ws, { name: "Chargeback" }, key);
    const again = await workflows.create(ws, { name: "Chargeback" }, key);
    check(first.status === 201 && first.headers["idempotent-replayed"] === undefined, "the first request with a key is answered as such");
    check(again.status === 201 && again.headers["idempotent-replayed"] === "true", `the same key again replays it, got ${JSON.stringify(again.headers)}`);
    check(again.result.id === first.result.id && again.headers["location"] === first.headers["location"], "the same workflow, created once");
    check(names((await workflows.list(ws)).result).filter(n => n === "Chargeback").length === 1, "nothing new is created");
    step("retry with an Idempotency-Key");
}

function names(page: { items: { name: string }[] }): string[] {
    return page.items.map(i => i.name);
}

/** The problem that `call` fails with; undefined (and so a failed check) when it succeeds. */
async function failure(call: () => Promise<unknown>) {
    try {
        await call();
        return undefined;
    } catch (error) {
        const problem = problemOf(error);
        if (problem === undefined) throw error;
        return problem;
    }
}

function describe(problem: { status: number; code: string } | undefined): string {
    return problem === undefined ? "success" : `${problem.status} ${problem.code}`;
}

function check(condition: boolean, message: string): asserts condition {
    if (!condition) throw new Error(`Expected: ${message}`);
}

function step(name: string): void {
    console.log(`step ${name}`);
}

function required(name: string): string {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
}


main().then(
    () => console.log("scenario passed"),
    (error: unknown) => {
        console.error(error instanceof Error ? error.stack ?? error.message : error);
        process.exitCode = 1;
    });

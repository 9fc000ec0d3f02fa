package peerchat.engine.net;

import peerchat.store.event.NodeId;

class InMemoryLinkJournalTest implements LinkJournalContract {
    @Override
    public LinkJournal journal() {
        return new InMemoryLinkJournal();
    }

    @Override
    public Outbound recordSend(LinkJournal journal, NodeId to, byte[] body, long notBefore) {
        return ((InMemoryLinkJournal) journal).recordSend(to, body, notBefore);
    }

    @Override
    public LinkJournal reopen(LinkJournal journal) {
        return journal;
    }
}

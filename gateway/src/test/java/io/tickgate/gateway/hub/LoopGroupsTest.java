package io.tickgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.tickgate.model.topic.Topic;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** A topic's loop subscribers grouped by event loop; a group's member array is replaced, never changed in place. */
class LoopGroupsTest {

    private static final Executor LOOP_A = Runnable::run;
    private static final Executor LOOP_B = Runnable::run;

    /** Compared by identity, as connections are. */
    private static final class Member implements LoopSubscriber {
        private final Executor executor;

        Member(Executor executor) {
            this.executor = executor;
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public boolean takeShared(Topic topic, ByteBuf frame, long ingestNanos) {
            return false;
        }

        @Override
        public boolean take(Object item) {
            return false;
        }

        @Override
        public void wake() {
        }

        @Override
        public void takeRejected(Object item) {
        }

        @Override
        public void wakeRejected() {
        }

        @Override
        public boolean deliver(ByteBuf frame, long ingestNanos) {
            return true;
        }
    }

    @Test
    void membersAreGroupedPerLoopAndAHandedOutArrayNeverChanges() {
        LoopGroups groups = new LoopGroups();
        Member a1 = new Member(LOOP_A);
        Member a2 = new Member(LOOP_A);
        Member b1 = new Member(LOOP_B);
        groups.add(a1);
        groups.add(b1);
        groups.add(a2);
        assertThat(groups.groups()).hasSize(2);
        LoopGroups.Group a = groups.groups().get(0);
        assertThat(a.executor()).isSameAs(LOOP_A);
        assertThat(a.members()).containsExactly(a1, a2);
        LoopSubscriber[] handedOut = a.members();

        groups.remove(a1);
        assertThat(handedOut).as("an entry already handed off keeps its members").containsExactly(a1, a2);
        assertThat(groups.groups().get(0).members()).containsExactly(a2);

        groups.remove(new Member(LOOP_A)); // not a member: nothing changes
        assertThat(groups.groups().get(0).members()).containsExactly(a2);

        groups.remove(a2);
        assertThat(groups.groups()).as("an empty group is dropped").hasSize(1);
        assertThat(groups.groups().get(0).executor()).isSameAs(LOOP_B);
        groups.remove(b1);
        assertThat(groups.groups()).isEmpty();
    }
}

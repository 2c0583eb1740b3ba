package concurrencylab.kernel.threads;

import org.junit.jupiter.api.Test;

import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.*;

class LockRefTest {

    @Test
    void namesLocksAsAReaderKnowsThem() {
        var sync = LockRef.parse("java.util.concurrent.locks.ReentrantLock$NonfairSync@3646a422");
        assertEquals(0x3646a422, sync.identityHash());
        assertEquals("ReentrantLock@3646a422", sync.displayName());
        assertTrue(sync.ownable());
        assertEquals("Account@1f", LockRef.parse("REPL.$JShell$12$Account@1f").displayName());
        assertEquals("Object@ff", LockRef.parse("java.lang.Object@ff").displayName());
        var condition = LockRef.parse("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@10");
        assertEquals("Condition@10", condition.displayName());
        assertFalse(condition.ownable(), "a condition has no holder");
        assertFalse(LockRef.parse("java.util.concurrent.CountDownLatch$Sync@2").ownable());
        assertEquals("java.util.concurrent.locks.ReentrantLock$NonfairSync@3646a422", sync.id());
        Object o = new Object();
        assertEquals(LockRef.parse(java.util.Objects.toIdentityString(o)), LockRef.of(o), "the dump's name and the object's agree");
        assertThrows(IllegalArgumentException.class, () -> LockRef.parse("no hash here"));
        assertNotNull(new ReentrantLock());
    }
}

package concurrencylab.kernel.exec;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites the bytecode of classes compiled from cells, as JShell's {@code local} engine does for its
 * stop checks, plus one thing it lacks:
 * <ul>
 *   <li>a call to {@code REPL.$Cancel$.stopCheck()} at every method start and before every backward
 *       branch, so an interrupt stops even {@code while (true) {}} (also in pool threads running cell lambdas);</li>
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} replaced by {@link ExitGuard},
 *       which throws instead of ending the kernel.</li>
 * </ul>
 */
final class CellCode {
    private CellCode() {}

    static final String CANCEL_CLASS = "REPL.$Cancel$";
    private static final ClassDesc CD_CANCEL = ClassDesc.of(CANCEL_CLASS);
    private static final ClassDesc CD_CELL_STOPPED = ClassDesc.of(CellStopped.class.getName());
    private static final ClassDesc CD_EXIT_GUARD = ClassDesc.of(ExitGuard.class.getName());
    private static final ClassDesc CD_RUNTIME = ClassDesc.of("java.lang.Runtime");
    private static final MethodTypeDesc MTD_INT = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int);
    private static final MethodTypeDesc MTD_RUNTIME_INT = MethodTypeDesc.of(ConstantDescs.CD_void, CD_RUNTIME, ConstantDescs.CD_int);

    /**
     * The class with its stop checks and exit guard woven in. Changed code needs new stack map frames,
     * and where two types meet in a frame the class file API asks {@code classes} for their supertypes:
     * it must know the cells' own classes, which no class loader of the JDK's can find.
     */
    static byte[] instrument(byte[] classFile, ClassHierarchyResolver classes) {
        var cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(classes));
        return cf.transformClass(cf.parse(classFile),
                ClassTransform.transformingMethodBodies(CodeTransform.ofStateful(Weaver::new)));
    }

    /**
     * The class holding the stop flag; its check throws {@link CellStopped}, which ends a stopped thread
     * without a word (JShell's own engine throws {@code ThreadDeath}, whose stack trace thread groups print
     * since JDK 20).
     */
    static byte[] cancelClass() {
        return ClassFile.of().build(CD_CANCEL, clb -> clb.withFlags(ClassFile.ACC_PUBLIC)
                .withField("allStop", ConstantDescs.CD_boolean, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC | ClassFile.ACC_VOLATILE)
                .withMethodBody("stopCheck", ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, cob ->
                        cob.getstatic(CD_CANCEL, "allStop", ConstantDescs.CD_boolean)
                                .ifThenElse(
                                        then -> then.new_(CD_CELL_STOPPED).dup()
                                                .invokespecial(CD_CELL_STOPPED, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void)
                                                .athrow(),
                                        otherwise -> otherwise.return_())));
    }

    private static final class Weaver implements CodeTransform {
        private final Set<Label> seenLabels = new HashSet<>();

        @Override
        public void atStart(CodeBuilder builder) {
            builder.invokestatic(CD_CANCEL, "stopCheck", ConstantDescs.MTD_void);
        }

        @Override
        public void accept(CodeBuilder builder, CodeElement element) {
            switch (element) {
                case LabelTarget target -> seenLabels.add(target.label());
                case BranchInstruction branch when seenLabels.contains(branch.target()) ->
                        builder.invokestatic(CD_CANCEL, "stopCheck", ConstantDescs.MTD_void);
                case InvokeInstruction call when isExit(call) -> {
                    if (call.opcode() == Opcode.INVOKESTATIC) {
                        builder.invokestatic(CD_EXIT_GUARD, "exit", MTD_INT);
                    } else {
                        String name = call.name().stringValue();
                        builder.invokestatic(CD_EXIT_GUARD, name.equals("halt") ? "runtimeHalt" : "runtimeExit", MTD_RUNTIME_INT);
                    }
                    return;
                }
                default -> { }
            }
            builder.with(element);
        }

        private static boolean isExit(InvokeInstruction call) {
            String owner = call.owner().asInternalName();
            String name = call.name().stringValue();
            String type = call.type().stringValue();
            if (!type.equals("(I)V")) return false;
            return (owner.equals("java/lang/System") && name.equals("exit") && call.opcode() == Opcode.INVOKESTATIC)
                    || (owner.equals("java/lang/Runtime") && (name.equals("exit") || name.equals("halt"))
                    && call.opcode() == Opcode.INVOKEVIRTUAL);
        }
    }
}
